import { paymentTarget } from '../src/domain/payment-target';

describe('paymentTarget: whose payment an Odoo invoice payment is', () => {
  const invoice = { name: 'INV/2026/00007', ref: 'inv-ours' };

  it('pays an order of ours under its client_order_ref and our invoice id (the move ref)', () => {
    expect(paymentTarget(invoice, { clientOrderRef: 'ord-1' })).toEqual({
      orderId: 'ord-1',
      invoiceId: 'inv-ours',
    });
    expect(paymentTarget({ ...invoice, ref: false }, { clientOrderRef: 'ord-1' })).toEqual({
      orderId: 'ord-1',
      invoiceId: 'INV/2026/00007',
    });
  });

  it('pays an imported order under its platform id and the invoice name, whatever client_order_ref holds', () => {
    for (const clientOrderRef of ['LEG-1', false])
      expect(paymentTarget(invoice, { clientOrderRef, importedOrderId: 'ord-imp' })).toEqual({
        orderId: 'ord-imp',
        invoiceId: 'INV/2026/00007',
      });
  });

  it('gives nothing for a sale order neither ours nor imported, or none found', () => {
    expect(paymentTarget(invoice, { clientOrderRef: false })).toBeUndefined();
    expect(paymentTarget(invoice, undefined)).toBeUndefined();
  });
});
