import {
  matchBill,
  openMismatches,
  purchaseReport,
  type BillLine,
  type DecidedBill,
  type Purchase,
} from '../src/domain';

/** 10 chairs at 50.00 ordered, 6 confirmed… unless overridden; 10 received. */
const purchase = (over: Partial<Purchase['lines'][number]> = {}): Purchase => ({
  purchaseId: 'PUR-1',
  odooPurchaseId: '7',
  odooReference: 'P00007',
  supplierCode: 'SUP-001',
  warehouseCode: 'WH',
  currency: 'EUR',
  status: 'CONFIRMED',
  refuseReason: null,
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      uom: 'EA',
      ordered: 10,
      confirmed: null,
      received: 10,
      unitPriceMinor: 5_000,
      ...over,
    },
  ],
});
const billed = (quantity: number, unitPriceMinor = 5_000, lineNo = 1): BillLine => ({
  lineNo,
  sku: 'FURN-001',
  quantity,
  uom: 'EA',
  unitPriceMinor,
});
const match = (lines: BillLine[], p = purchase(), billedBefore = {}) =>
  matchBill({ purchase: p, billedBefore, lines, tolerancePercent: 2 });
const kinds = (d: ReturnType<typeof match>) =>
  d.decision === 'MISMATCHED' ? d.mismatches.map((m) => m.kind) : [];

describe('three-way match of a vendor bill', () => {
  it('matches a bill of what was received at the ordered price', () => {
    expect(match([billed(10)])).toEqual({ decision: 'MATCHED' });
  });

  it('accepts quantity and price up to the tolerance, and refuses just beyond', () => {
    expect(match([billed(10.2)]).decision).toBe('MATCHED');
    expect(kinds(match([billed(10.21)]))).toEqual(['QUANTITY']);
    expect(match([billed(10, 5_100)]).decision).toBe('MATCHED');
    expect(match([billed(10, 4_900)]).decision).toBe('MATCHED');
    expect(kinds(match([billed(10, 5_101)]))).toEqual(['PRICE']);
    expect(kinds(match([billed(10, 4_899)]))).toEqual(['PRICE']);
  });

  it('reports a price 10 % over with both prices', () => {
    const d = match([billed(10, 5_500)]);
    expect(d).toEqual({
      decision: 'MISMATCHED',
      mismatches: [
        {
          lineNo: 1,
          sku: 'FURN-001',
          kind: 'PRICE',
          orderedQuantity: 10,
          receivedQuantity: 10,
          billedQuantity: 10,
          orderedPriceMinor: 5_000,
          billedPriceMinor: 5_500,
        },
      ],
    });
  });

  it('holds the bill to what was received, not what was ordered or confirmed', () => {
    const partly = purchase({ confirmed: 8, received: 6 });
    expect(match([billed(6)], partly).decision).toBe('MATCHED');
    const d = match([billed(8)], partly);
    expect(d.decision === 'MISMATCHED' && d.mismatches[0]).toMatchObject({
      kind: 'QUANTITY',
      orderedQuantity: 8,
      receivedQuantity: 6,
      billedQuantity: 8,
    });
  });

  it('counts earlier matched bills: two bills together may not bill more than received', () => {
    const p = purchase({ received: 10 });
    expect(match([billed(6)], p, { 1: 4 }).decision).toBe('MATCHED');
    const d = match([billed(6)], p, { 1: 6 });
    expect(d.decision === 'MISMATCHED' && d.mismatches[0]).toMatchObject({
      kind: 'QUANTITY',
      billedQuantity: 12,
      receivedQuantity: 10,
    });
  });

  it('sums the lines of one bill that bill the same purchase line', () => {
    expect(kinds(match([billed(6), billed(6)]))).toEqual(['QUANTITY']);
    expect(match([billed(5), billed(5)]).decision).toBe('MATCHED');
  });

  it('reports a line not on the order (lineNo 0 or unknown) as NOT_ORDERED', () => {
    const d = match([billed(10), billed(1, 300, 0), billed(2, 300, 9)]);
    expect(d.decision === 'MISMATCHED' && d.mismatches).toEqual([
      expect.objectContaining({ lineNo: 0, kind: 'NOT_ORDERED', billedQuantity: 1 }),
      expect.objectContaining({ lineNo: 9, kind: 'NOT_ORDERED', orderedQuantity: 0 }),
    ]);
  });

  it('reports every line of a bill for an unknown purchase as NOT_ORDERED', () => {
    const d = matchBill({
      purchase: undefined,
      billedBefore: {},
      lines: [billed(1)],
      tolerancePercent: 2,
    });
    expect(kinds(d)).toEqual(['NOT_ORDERED']);
  });

  it('reports both quantity and price on one line', () => {
    expect(kinds(match([billed(12, 6_000)])).sort()).toEqual(['PRICE', 'QUANTITY']);
  });

  it('a bill in another currency than the order is a PRICE mismatch on every line', () => {
    const d = matchBill({
      purchase: purchase(),
      billedBefore: {},
      lines: [billed(10)],
      currency: 'USD',
      tolerancePercent: 2,
    });
    expect(kinds(d)).toEqual(['PRICE']);
    expect(
      matchBill({
        purchase: purchase(),
        billedBefore: {},
        lines: [billed(10)],
        currency: 'EUR',
        tolerancePercent: 2,
      }).decision,
    ).toBe('MATCHED');
  });

  it('with no tolerance, any difference is a mismatch', () => {
    const d = matchBill({
      purchase: purchase(),
      billedBefore: {},
      lines: [billed(10, 5_001)],
      tolerancePercent: 0,
    });
    expect(kinds(d)).toEqual(['PRICE']);
  });
});

const decided = (
  odooBillId: string,
  seq: number,
  decision: DecidedBill['decision'],
  quantity: number,
): DecidedBill => ({
  odooBillId,
  billReference: null,
  currency: 'EUR',
  amountUntaxedMinor: quantity * 5_000,
  recordedAt: 1,
  decidedAt: seq,
  seq,
  decision,
  tolerancePercent: 2,
  mismatches: [],
  lines: [billed(quantity)],
});

describe('purchase reconciliation', () => {
  it('a mismatch stays open until a later matched bill of the purchase supersedes it', () => {
    const bills = [decided('b1', 1, 'MATCHED', 4), decided('b2', 2, 'MISMATCHED', 9)];
    expect([...openMismatches(bills)]).toEqual(['b2']);
    expect([...openMismatches([...bills, decided('b3', 3, 'MATCHED', 6)])]).toEqual([]);
  });

  it('sums matched bills per line and totals in minor units', () => {
    const r = purchaseReport(purchase({ confirmed: 10, received: 10 }), [
      decided('b1', 1, 'MATCHED', 4),
      decided('b2', 2, 'MISMATCHED', 9),
    ]);
    expect(r.lines[0]).toMatchObject({ ordered: 10, confirmed: 10, received: 10, billed: 4 });
    expect(r.lines[0]!.billedPriceMinor).toBe(5_000);
    expect(r.bills.map((b) => [b.odooBillId, b.decision, b.open])).toEqual([
      ['b1', 'MATCHED', false],
      ['b2', 'MISMATCHED', true],
    ]);
    expect(r.totals).toEqual({
      orderedMinor: 50_000,
      receivedMinor: 50_000,
      billedMinor: 20_000,
      mismatchedMinor: 45_000,
    });
  });
});
