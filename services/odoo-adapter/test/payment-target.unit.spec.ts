import { paymentTarget } from '../src/domain/payment-target';

describe('paymentTarget: whose payment an Odoo invoice payment is', () => {
  const invoice = { name: 'INV/2026/00007', ref: 'inv-ours' };

  it('pays a sale order the adapter wrote under its order and our invoice id (the move ref)', () => {
    expect(paymentTarget(invoice, { platformOrderId: 'ord-1' })).toEqual({
      orderId: 'ord-1',
      invoiceId: 'inv-ours',
    });
    expect(paymentTarget({ ...invoice, ref: false }, { platformOrderId: 'ord-1' })).toEqual({
      orderId: 'ord-1',
      invoiceId: 'INV/2026/00007',
    });
  });

  it('pays an imported order under its platform id and the invoice name', () => {
    expect(paymentTarget(invoice, { importedOrderId: 'ord-imp' })).toEqual({
      orderId: 'ord-imp',
      invoiceId: 'INV/2026/00007',
    });
  });

  it("gives nothing for a sale order neither written nor imported (an old integration's), or none found", () => {
    expect(paymentTarget(invoice, {})).toBeUndefined();
    expect(paymentTarget(invoice, undefined)).toBeUndefined();
  });
});
