import {
  compareCancellation,
  compareDelivery,
  compareInvoice,
  compareSaleOrder,
} from '../src/domain/shadow-compare';

const expected = {
  channelOrderRef: 'WEB-1',
  currency: 'EUR',
  lines: [
    { sku: 'FURN-001', quantity: 3, priceUnit: 120 },
    { sku: 'FURN-002', quantity: 1, priceUnit: 350 },
  ],
};
const so = (lines = expected.lines, state = 'sale') => ({
  id: 7,
  state,
  lines: lines.map((l) => ({ ...l })),
});

describe('shadow comparison (what the adapter would write vs what Odoo holds)', () => {
  it('finds nothing when the sale order holds the same lines, split lines summed per SKU', () => {
    expect(compareSaleOrder(expected, so())).toEqual([]);
    const split = [
      { sku: 'FURN-001', quantity: 1, priceUnit: 120 },
      { sku: 'FURN-002', quantity: 1, priceUnit: 350 },
      { sku: 'FURN-001', quantity: 2, priceUnit: 120 },
    ];
    expect(compareSaleOrder(expected, so(split))).toEqual([]);
  });

  it('a missing sale order is one SALE_ORDER_MISSING naming the channel reference', () => {
    expect(compareSaleOrder(expected, undefined)).toEqual([
      expect.objectContaining({ kind: 'SALE_ORDER_MISSING', expected: 'WEB-1', actual: null }),
    ]);
  });

  it('finds each line difference exactly: missing, extra, quantity, price', () => {
    const found = so([
      { sku: 'FURN-001', quantity: 2, priceUnit: 125 },
      { sku: 'FURN-009', quantity: 4, priceUnit: 10 },
    ]);
    expect(compareSaleOrder(expected, found)).toEqual([
      {
        kind: 'QUANTITY_DIFFERS',
        sku: 'FURN-001',
        expected: '3',
        actual: '2',
        odooModel: 'sale.order',
        odooId: '7',
      },
      {
        kind: 'PRICE_DIFFERS',
        sku: 'FURN-001',
        expected: '120.00 EUR',
        actual: '125.00 EUR',
        odooModel: 'sale.order',
        odooId: '7',
      },
      {
        kind: 'LINE_MISSING',
        sku: 'FURN-002',
        expected: '1',
        actual: null,
        odooModel: 'sale.order',
        odooId: '7',
      },
      {
        kind: 'LINE_EXTRA',
        sku: 'FURN-009',
        expected: null,
        actual: '4',
        odooModel: 'sale.order',
        odooId: '7',
      },
    ]);
  });

  it('a price within half a cent is the same price', () => {
    const found = so([
      { sku: 'FURN-001', quantity: 3, priceUnit: 120.004 },
      { sku: 'FURN-002', quantity: 1, priceUnit: 350 },
    ]);
    expect(compareSaleOrder(expected, found)).toEqual([]);
  });

  it('cancellation: matched once the sale order is cancelled, NOT_CANCELLED otherwise', () => {
    expect(compareCancellation('WEB-1', { id: 7, state: 'cancel' })).toEqual([]);
    expect(compareCancellation('WEB-1', { id: 7, state: 'sale' })).toEqual([
      expect.objectContaining({ kind: 'NOT_CANCELLED', expected: 'cancel', actual: 'sale' }),
    ]);
    expect(compareCancellation('WEB-1', undefined)[0]?.kind).toBe('SALE_ORDER_MISSING');
  });

  it('delivery: a done picking matches; the last shipment needs every open one done', () => {
    const found = { id: 7, state: 'sale' };
    const done = { id: 11, state: 'done' };
    const open = { id: 12, state: 'assigned' };
    expect(compareDelivery('WEB-1', found, [done, open], false)).toEqual([]);
    expect(compareDelivery('WEB-1', found, [done, open], true)).toEqual([
      expect.objectContaining({ kind: 'DELIVERY_NOT_VALIDATED', odooId: '12', actual: 'assigned' }),
    ]);
    expect(compareDelivery('WEB-1', found, [open], false)[0]?.kind).toBe('DELIVERY_NOT_VALIDATED');
    expect(compareDelivery('WEB-1', found, [done, { id: 13, state: 'cancel' }], true)).toEqual([]);
  });

  it('invoice: a posted invoice with our total matches; none posted or another total diverges', () => {
    const want = { channelOrderRef: 'WEB-1', totalMinor: 24_000, currency: 'EUR' };
    const found = { id: 7, state: 'sale' };
    expect(compareInvoice(want, found, [{ id: 3, state: 'posted', amountTotal: 240 }])).toEqual([]);
    expect(compareInvoice(want, found, [{ id: 3, state: 'draft', amountTotal: 240 }])).toEqual([
      expect.objectContaining({ kind: 'INVOICE_NOT_POSTED', expected: '240.00 EUR', actual: null }),
    ]);
    expect(compareInvoice(want, found, [{ id: 3, state: 'posted', amountTotal: 250 }])).toEqual([
      expect.objectContaining({ kind: 'AMOUNT_DIFFERS', actual: '250.00 EUR', odooId: '3' }),
    ]);
  });
});
