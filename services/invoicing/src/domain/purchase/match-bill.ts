import type {
  BillDecision,
  BilledByLine,
  BillLine,
  BillMismatch,
  Purchase,
  PurchaseLedgerLine,
} from './purchase-types';

const EPSILON = 1e-9;

export interface MatchBill {
  /** Undefined when the purchase is unknown: every line is then NOT_ORDERED. */
  purchase: Purchase | undefined;
  /** What earlier matched bills of the purchase billed, per line. */
  billedBefore: BilledByLine;
  lines: BillLine[];
  /** The bill's currency: prices in another currency than the order's are all PRICE mismatches. */
  currency?: string;
  /** Of quantity and of price, e.g. 2 for 2 %. */
  tolerancePercent: number;
}

/** The quantity the match holds the supplier to: as confirmed, else as ordered. */
export const expectedQuantity = (line: PurchaseLedgerLine): number =>
  line.confirmed ?? line.ordered;

/**
 * The three-way match of a vendor bill against its purchase order and receipts, per purchase
 * line: billed (this bill plus earlier matched ones) ≤ received × (1 + tolerance), else QUANTITY;
 * |billed − ordered unit price| ≤ ordered × tolerance, else PRICE; a billed line not on the
 * order, NOT_ORDERED; prices in another currency than the order's, PRICE. Any mismatch leaves
 * the whole bill to finance.
 */
export function matchBill({
  purchase,
  billedBefore,
  lines,
  currency,
  tolerancePercent,
}: MatchBill): BillDecision {
  const tolerance = tolerancePercent / 100;
  const foreign =
    currency !== undefined && purchase !== undefined && currency !== purchase.currency;
  const byNo = new Map(purchase?.lines.map((l) => [l.lineNo, l]));
  const mismatches: BillMismatch[] = [];
  const billedNow = new Map<number, { quantity: number; first: BillLine }>();
  for (const billed of lines) {
    const line = byNo.get(billed.lineNo);
    if (billed.lineNo === 0 || !line) {
      mismatches.push({
        lineNo: billed.lineNo,
        sku: billed.sku,
        kind: 'NOT_ORDERED',
        orderedQuantity: 0,
        receivedQuantity: 0,
        billedQuantity: billed.quantity,
        orderedPriceMinor: 0,
        billedPriceMinor: billed.unitPriceMinor,
      });
      continue;
    }
    const sum = billedNow.get(line.lineNo);
    billedNow.set(line.lineNo, {
      quantity: (sum?.quantity ?? 0) + billed.quantity,
      first: sum?.first ?? billed,
    });
    const priceGap = Math.abs(billed.unitPriceMinor - line.unitPriceMinor);
    if (foreign || priceGap > line.unitPriceMinor * tolerance + EPSILON)
      mismatches.push(mismatch(line, billed, 'PRICE', billedBefore[line.lineNo] ?? 0));
  }
  for (const [lineNo, { quantity, first }] of billedNow) {
    const line = byNo.get(lineNo)!;
    const billed = (billedBefore[lineNo] ?? 0) + quantity;
    if (billed > line.received * (1 + tolerance) + EPSILON)
      mismatches.push(
        mismatch(line, { ...first, quantity }, 'QUANTITY', billedBefore[lineNo] ?? 0),
      );
  }
  return mismatches.length
    ? { decision: 'MISMATCHED', mismatches: mismatches.sort((a, b) => a.lineNo - b.lineNo) }
    : { decision: 'MATCHED' };
}

function mismatch(
  line: PurchaseLedgerLine,
  billed: BillLine,
  kind: BillMismatch['kind'],
  before: number,
): BillMismatch {
  return {
    lineNo: line.lineNo,
    sku: line.sku,
    kind,
    orderedQuantity: expectedQuantity(line),
    receivedQuantity: line.received,
    billedQuantity: Number((before + billed.quantity).toFixed(9)),
    orderedPriceMinor: line.unitPriceMinor,
    billedPriceMinor: billed.unitPriceMinor,
  };
}
