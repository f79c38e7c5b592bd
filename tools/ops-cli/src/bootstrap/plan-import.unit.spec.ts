import type { OdooSaleOrder } from './odoo-snapshot';
import { importedState, planImport } from './plan-import';

const opts = { channelCode: 'odoo-import', uomMap: new Map([['EA', 'Units']]) };

const line = (o: Partial<OdooSaleOrder['lines'][number]> = {}) => ({
  id: 1,
  sequence: 10,
  sku: 'SKU-1',
  quantity: 4,
  uomName: 'Units',
  priceUnit: 12.5,
  discount: 0,
  delivered: 0,
  invoicedPosted: 0,
  ...o,
});
const order = (o: Partial<OdooSaleOrder> = {}): OdooSaleOrder => ({
  id: 7,
  name: 'S00007',
  state: 'sale',
  clientOrderRef: 'LEGACY-7',
  customerKey: 'C-1',
  warehouseCode: 'WH',
  currency: 'EUR',
  orderedAt: 1_800_000_000_000,
  lines: [line()],
  deliveries: 0,
  invoices: [],
  creditNotes: 0,
  ...o,
});
const posted = (paymentState: string) => ({
  id: 70,
  name: 'INV/70',
  state: 'posted',
  paymentState,
  totalMinor: 5750,
});

describe('planImport', () => {
  it('maps an open sale order to a candidate with its lines, deliveries and posted invoices', () => {
    const so = order({
      lines: [line({ delivered: 2, invoicedPosted: 2 }), line({ id: 2, sku: 'SKU-2' })],
      deliveries: 1,
      invoices: [posted('not_paid')],
    });
    const { candidates, skipped, unmappable } = planImport([so], opts);
    expect(skipped).toEqual([]);
    expect(unmappable).toEqual([]);
    expect(candidates).toEqual([
      {
        channelCode: 'odoo-import',
        channelOrderRef: 'S00007',
        customerId: 'C-1',
        warehouseCode: 'WH',
        currency: 'EUR',
        lines: [
          expect.objectContaining({ lineNo: 1, sku: 'SKU-1', uom: 'EA', unitPriceMinor: 1250 }),
          expect.objectContaining({ lineNo: 2, sku: 'SKU-2', deliveredQuantity: 0 }),
        ],
        totalMinor: 10_000,
        odooSaleOrderId: 7,
        odooSaleOrderName: 'S00007',
        odooClientOrderRef: 'LEGACY-7',
        deliveries: 1,
        invoices: [{ odooInvoiceId: 70, name: 'INV/70', totalMinor: 5750 }],
        orderedAt: 1_800_000_000_000,
      },
    ]);
    expect(candidates[0]!.lines[0]).toMatchObject({ deliveredQuantity: 2, invoicedQuantity: 2 });
    expect(importedState(candidates[0]!)).toBe('IMPORTED');
  });

  it('imports a delivered and invoiced order until it is paid, then skips it as closed', () => {
    const done = { lines: [line({ delivered: 4, invoicedPosted: 4 })], deliveries: 1 };
    const unpaid = planImport([order({ ...done, invoices: [posted('not_paid')] })], opts);
    expect(unpaid.candidates.map(importedState)).toEqual(['COMPLETED']);
    const paid = planImport([order({ ...done, invoices: [posted('paid')] })], opts);
    expect(paid.candidates).toEqual([]);
    expect(paid.skipped).toEqual([{ saleOrder: 'S00007', code: 'CLOSED' }]);
    // Sent anyway, to refresh it if it was imported while still open.
    expect(paid.refreshes.map(importedState)).toEqual(['COMPLETED']);
  });

  it('skips quotations and cancelled orders', () => {
    const plan = planImport(
      [
        order({ state: 'draft' }),
        order({ name: 'S8', state: 'sent' }),
        order({ name: 'S9', state: 'cancel' }),
      ],
      opts,
    );
    expect(plan.skipped.map((s) => s.code)).toEqual(['QUOTATION', 'QUOTATION', 'CANCELLED']);
    expect(plan.candidates).toEqual([]);
    // Sent anyway, to cancel it on the platform if it was imported while still open.
    expect(plan.cancellations.map((c) => c.channelOrderRef)).toEqual(['S9']);
  });

  it('lists every reason an order cannot be mapped, and imports none of it', () => {
    const plan = planImport(
      [
        order({
          customerKey: null,
          lines: [line({ sku: null }), line({ uomName: 'Dozens', discount: 10 })],
          invoices: [{ ...posted('not_paid'), state: 'draft' }, posted('partial')],
          creditNotes: 1,
        }),
      ],
      opts,
    );
    expect(plan.candidates).toEqual([]);
    expect(plan.unmappable.map((u) => u.code).sort()).toEqual(
      [
        'CREDIT_NOTES',
        'DISCOUNT',
        'DRAFT_INVOICE',
        'NO_CUSTOMER_KEY',
        'NO_PRODUCT_CODE',
        'PARTIALLY_PAID',
        'UNKNOWN_UNIT',
      ].sort(),
    );
    expect(plan.unmappable.find((u) => u.code === 'UNKNOWN_UNIT')?.message).toMatch(
      /line 2.*Dozens/,
    );
    // Odoo names a draft invoice '/' until it is posted.
    const draft = planImport(
      [order({ invoices: [{ ...posted('not_paid'), state: 'draft', name: '/' }] })],
      opts,
    );
    expect(draft.unmappable[0]?.message).toBe(
      'draft invoice #70 (no number yet): post or cancel it in Odoo',
    );
  });
});
