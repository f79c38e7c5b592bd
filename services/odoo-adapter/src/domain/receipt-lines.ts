/**
 * What one validated receipt means for its purchase, as of that receipt: pure, over values read
 * from Odoo. Receipts are ordered by (date_done, id), so a poll that finds two receipts done
 * reports the first as it was when validated (its backorder still open), not as of the second.
 */
export interface PurchaseLine {
  id: number;
  productId: number;
  ordered: number;
  uomId: number;
}

export interface Receipt {
  id: number;
  state: string;
  /** Odoo's date_done ('YYYY-MM-DD HH:MM:SS'), or '' while not done. */
  dateDone: string;
}

export interface DoneMove {
  pickingId: number;
  lineId: number;
  quantity: number;
}

export type LineStatus = 'PARTIAL' | 'COMPLETE' | 'OVER';

export interface ReceiptLine {
  lineNo: number;
  line: PurchaseLine;
  quantity: number;
  receivedTotal: number;
  status: LineStatus;
}

export interface ReceiptOutcome {
  lines: ReceiptLine[];
  backorder: boolean;
  /** Lines of this receipt received beyond what was ordered. */
  over: ReceiptLine[];
  /** With no backorder left: lines of the purchase that stay short (the rest was cancelled). */
  under: Array<{ lineNo: number; line: PurchaseLine; receivedTotal: number }>;
}

/** Quantities are floats rounded by Odoo's unit precision: closer than this is equal. */
const EPSILON = 1e-6;

export const lineStatus = (received: number, ordered: number): LineStatus =>
  received > ordered + EPSILON ? 'OVER' : received < ordered - EPSILON ? 'PARTIAL' : 'COMPLETE';

const byDone = (a: Receipt, b: Receipt) =>
  a.dateDone === b.dateDone ? a.id - b.id : a.dateDone < b.dateDone ? -1 : 1;

export function receiptOutcome(
  receiptId: number,
  lines: readonly PurchaseLine[],
  receipts: readonly Receipt[],
  moves: readonly DoneMove[],
): ReceiptOutcome {
  const self = receipts.find((r) => r.id === receiptId);
  if (!self) throw new Error(`receipt ${receiptId} is not among its purchase's receipts`);
  const done = receipts.filter((r) => r.state === 'done');
  const upToSelf = new Set(done.filter((r) => byDone(r, self) <= 0).map((r) => r.id));
  const backorder = receipts.some(
    (r) => r.id !== self.id && r.state !== 'cancel' && (r.state !== 'done' || byDone(r, self) > 0),
  );
  const sum = (lineId: number, counted: (pickingId: number) => boolean) =>
    moves
      .filter((m) => m.lineId === lineId && counted(m.pickingId))
      .reduce((s, m) => s + m.quantity, 0);
  const ranked = [...lines].sort((a, b) => a.id - b.id).map((line, i) => ({ lineNo: i + 1, line }));
  const totals = ranked.map(({ lineNo, line }) => {
    const receivedTotal = sum(line.id, (p) => upToSelf.has(p));
    return { lineNo, line, receivedTotal, status: lineStatus(receivedTotal, line.ordered) };
  });
  const inThis = new Set(moves.filter((m) => m.pickingId === self.id).map((m) => m.lineId));
  const receiptLines = totals
    .filter((t) => inThis.has(t.line.id))
    .map((t) => ({ ...t, quantity: sum(t.line.id, (p) => p === self.id) }));
  return {
    lines: receiptLines,
    backorder,
    over: receiptLines.filter((l) => l.status === 'OVER' && l.quantity > 0),
    under: backorder
      ? []
      : totals
          .filter((t) => t.status === 'PARTIAL' && t.line.ordered > 0)
          .map(({ lineNo, line, receivedTotal }) => ({ lineNo, line, receivedTotal })),
  };
}
