import type { Knex } from 'knex';
import { loadPurchases } from '../../adapters/db/purchase-repository';
import { loadBills } from '../../adapters/db/vendor-bill-repository';
import {
  expectedQuantity,
  matchedByLine,
  openMismatches,
  type MismatchKind,
  type PurchaseStatus,
} from '../../domain';

export interface PurchaseFacts {
  status: PurchaseStatus;
  odooReference: string;
  currency: string;
  /** Keyed by lineNo; billed counts matched bills only. */
  lines: Record<string, { sku: string; ordered: number; received: number; billed: number }>;
  /** In decision order. */
  bills: Array<{
    odooBillId: string;
    decision: 'MATCHED' | 'MISMATCHED';
    /** A mismatch no later matched bill of the purchase superseded: an open exception. */
    open: boolean;
    amountUntaxedMinor: number;
    decidedAt: number;
    mismatches: Array<{ lineNo: number; kind: MismatchKind }>;
  }>;
}

/** Per purchase, for the platform checker: ordered (as confirmed), received, billed; the bills. */
export async function purchaseFacts(db: Knex): Promise<Record<string, PurchaseFacts>> {
  const bills = await loadBills(db);
  const facts: Record<string, PurchaseFacts> = {};
  for (const p of await loadPurchases(db)) {
    const own = bills.get(p.purchaseId) ?? [];
    const matched = matchedByLine(own);
    const open = openMismatches(own);
    facts[p.purchaseId] = {
      status: p.status,
      odooReference: p.odooReference,
      currency: p.currency,
      lines: Object.fromEntries(
        p.lines.map((l) => [
          String(l.lineNo),
          {
            sku: l.sku,
            ordered: expectedQuantity(l),
            received: l.received,
            billed: matched.get(l.lineNo)?.quantity ?? 0,
          },
        ]),
      ),
      bills: own.map((b) => ({
        odooBillId: b.odooBillId,
        decision: b.decision,
        open: open.has(b.odooBillId),
        amountUntaxedMinor: b.amountUntaxedMinor,
        decidedAt: b.decidedAt,
        mismatches: b.mismatches.map((m) => ({ lineNo: m.lineNo, kind: m.kind })),
      })),
    };
  }
  return facts;
}
