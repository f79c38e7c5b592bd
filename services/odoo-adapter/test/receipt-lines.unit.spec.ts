import { receiptOutcome, type DoneMove, type Receipt } from '../src/domain/receipt-lines';

const lines = [
  { id: 31, productId: 1, ordered: 10, uomId: 1 },
  { id: 30, productId: 2, ordered: 4, uomId: 1 },
];
const done = (id: number, dateDone: string): Receipt => ({ id, state: 'done', dateDone });

describe('receiptOutcome', () => {
  it('numbers lines by id and reports the receipt as of its validation, not of later receipts', () => {
    const receipts = [done(7, '2026-12-04 10:00:00'), done(8, '2026-12-04 10:05:00')];
    const moves: DoneMove[] = [
      { pickingId: 7, lineId: 31, quantity: 6 },
      { pickingId: 7, lineId: 30, quantity: 4 },
      { pickingId: 8, lineId: 31, quantity: 4 },
    ];
    const first = receiptOutcome(7, lines, receipts, moves);
    expect(first.backorder).toBe(true);
    expect(first.lines.map((l) => [l.lineNo, l.quantity, l.receivedTotal, l.status])).toEqual([
      [1, 4, 4, 'COMPLETE'],
      [2, 6, 6, 'PARTIAL'],
    ]);
    expect(first.under).toEqual([]);
    const second = receiptOutcome(8, lines, receipts, moves);
    expect(second.backorder).toBe(false);
    expect(second.lines.map((l) => [l.lineNo, l.quantity, l.receivedTotal, l.status])).toEqual([
      [2, 4, 10, 'COMPLETE'],
    ]);
  });

  it('breaks a tie on date_done by id, and counts a cancelled receipt as no backorder', () => {
    const receipts = [
      done(9, '2026-12-04 10:00:00'),
      done(5, '2026-12-04 10:00:00'),
      { id: 10, state: 'cancel', dateDone: '' },
    ];
    const moves = [
      { pickingId: 5, lineId: 31, quantity: 3 },
      { pickingId: 9, lineId: 31, quantity: 2 },
    ];
    expect(receiptOutcome(5, lines, receipts, moves)).toMatchObject({
      backorder: true,
      lines: [{ lineNo: 2, quantity: 3, receivedTotal: 3 }],
    });
    const last = receiptOutcome(9, lines, receipts, moves);
    expect(last).toMatchObject({
      backorder: false,
      lines: [{ lineNo: 2, quantity: 2, receivedTotal: 5, status: 'PARTIAL' }],
    });
    // Closed short: both lines stay below what was ordered, also the one this receipt lacks.
    expect(last.under.map((u) => [u.lineNo, u.receivedTotal])).toEqual([
      [1, 0],
      [2, 5],
    ]);
  });

  it('reports OVER only for lines this receipt delivered beyond the order, within float noise', () => {
    const receipts = [done(1, '2026-12-04 10:00:00'), done(2, '2026-12-04 11:00:00')];
    const moves = [
      { pickingId: 1, lineId: 30, quantity: 6 },
      { pickingId: 2, lineId: 31, quantity: 0.1 + 0.2 + 9.7 },
    ];
    const second = receiptOutcome(2, lines, receipts, moves);
    expect(second.lines[0]?.status).toBe('COMPLETE');
    expect(second.over).toEqual([]);
    const first = receiptOutcome(1, lines, receipts, moves);
    expect(first.over.map((l) => [l.lineNo, l.receivedTotal])).toEqual([[1, 6]]);
    expect(first.backorder).toBe(true);
  });
});
