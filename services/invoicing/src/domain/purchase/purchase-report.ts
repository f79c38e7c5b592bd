import { lineAmount } from '../money';
import { expectedQuantity } from './match-bill';
import type { BillLine, BillMismatch, Purchase, PurchaseStatus } from './purchase-types';

/** A vendor bill as decided, in the order of decision (seq). */
export interface DecidedBill {
  odooBillId: string;
  billReference: string | null;
  currency: string;
  amountUntaxedMinor: number;
  recordedAt: number;
  decidedAt: number;
  seq: number;
  decision: 'MATCHED' | 'MISMATCHED';
  tolerancePercent: number;
  mismatches: BillMismatch[];
  lines: BillLine[];
}

export interface PurchaseReportLine {
  lineNo: number;
  sku: string;
  uom: string;
  ordered: number;
  confirmed: number | null;
  received: number;
  /** By matched bills. */
  billed: number;
  orderedPriceMinor: number;
  /** Of the last matched bill of the line, null before one. */
  billedPriceMinor: number | null;
}

export interface PurchaseReportBill extends Omit<
  DecidedBill,
  'seq' | 'lines' | 'tolerancePercent'
> {
  /** A mismatch not superseded by a later matched bill of the purchase: finance must act. */
  open: boolean;
  lines: BillLine[];
}

export interface PurchaseReport {
  purchaseId: string;
  odooReference: string;
  supplierCode: string;
  warehouseCode: string;
  currency: string;
  status: PurchaseStatus;
  refuseReason: string | null;
  lines: PurchaseReportLine[];
  bills: PurchaseReportBill[];
  totals: {
    /** Confirmed (else ordered) quantities at the order's prices. */
    orderedMinor: number;
    receivedMinor: number;
    /** Untaxed totals of the matched bills. */
    billedMinor: number;
    /** Untaxed totals of the open mismatched bills. */
    mismatchedMinor: number;
  };
}

/** Whether each bill is an open mismatch: mismatched, with no matched bill decided after it. */
export function openMismatches(bills: DecidedBill[]): Set<string> {
  const lastMatched = Math.max(
    -1,
    ...bills.filter((b) => b.decision === 'MATCHED').map((b) => b.seq),
  );
  return new Set(
    bills
      .filter((b) => b.decision === 'MISMATCHED' && b.seq > lastMatched)
      .map((b) => b.odooBillId),
  );
}

/** Per matched line: the quantity billed and the last billed unit price. */
export function matchedByLine(
  bills: DecidedBill[],
): Map<number, { quantity: number; priceMinor: number }> {
  const byLine = new Map<number, { quantity: number; priceMinor: number }>();
  for (const bill of [...bills].sort((a, b) => a.seq - b.seq)) {
    if (bill.decision !== 'MATCHED') continue;
    for (const l of bill.lines) {
      const quantity = (byLine.get(l.lineNo)?.quantity ?? 0) + l.quantity;
      byLine.set(l.lineNo, { quantity: Number(quantity.toFixed(9)), priceMinor: l.unitPriceMinor });
    }
  }
  return byLine;
}

/** GET /purchases/{purchaseId}/reconciliation: ordered, confirmed, received, billed, per line. */
export function purchaseReport(purchase: Purchase, bills: DecidedBill[]): PurchaseReport {
  const open = openMismatches(bills);
  const matched = matchedByLine(bills);
  const sorted = [...bills].sort((a, b) => a.seq - b.seq);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    purchaseId: purchase.purchaseId,
    odooReference: purchase.odooReference,
    supplierCode: purchase.supplierCode,
    warehouseCode: purchase.warehouseCode,
    currency: purchase.currency,
    status: purchase.status,
    refuseReason: purchase.refuseReason,
    lines: purchase.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      uom: l.uom,
      ordered: l.ordered,
      confirmed: l.confirmed,
      received: l.received,
      billed: matched.get(l.lineNo)?.quantity ?? 0,
      orderedPriceMinor: l.unitPriceMinor,
      billedPriceMinor: matched.get(l.lineNo)?.priceMinor ?? null,
    })),
    bills: sorted.map(({ seq: _seq, tolerancePercent: _t, ...b }) => ({
      ...b,
      open: open.has(b.odooBillId),
    })),
    totals: {
      orderedMinor: sum(
        purchase.lines.map((l) => lineAmount(expectedQuantity(l), l.unitPriceMinor)),
      ),
      receivedMinor: sum(purchase.lines.map((l) => lineAmount(l.received, l.unitPriceMinor))),
      billedMinor: sum(
        sorted.filter((b) => b.decision === 'MATCHED').map((b) => b.amountUntaxedMinor),
      ),
      mismatchedMinor: sum(
        sorted.filter((b) => open.has(b.odooBillId)).map((b) => b.amountUntaxedMinor),
      ),
    },
  };
}
