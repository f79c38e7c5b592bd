import type { VendorBillReceived } from '@o2c/contracts';
import { afterCommit } from '@o2c/db';
import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { loadPurchase, lockPurchase } from '../../adapters/db/purchase-repository';
import { billDecided, loadBills, saveDecidedBill } from '../../adapters/db/vendor-bill-repository';
import { matchBill, matchedByLine, type BillDecision, type BilledByLine } from '../../domain';
import type { Cause, InvoicingDeps } from '../invoicing-deps';

export type BillOutcome = BillDecision['decision'] | 'duplicate';

/**
 * VendorBillReceived → the three-way match, once per Odoo bill: the bill and its decision in
 * the ledger and VendorBillMatched (odoo-adapter posts it) or VendorBillMismatched (an exception
 * for finance; the bill stays a draft) in the outbox, in the caller's transaction. A redelivered
 * or replayed bill changes nothing.
 */
export async function matchVendorBill(
  trx: Knex.Transaction,
  bill: VendorBillReceived,
  deps: Pick<
    InvoicingDeps,
    'outbox' | 'topicPrefix' | 'now' | 'vendorBillTolerancePercent' | 'onBillDecided'
  >,
  cause: Cause,
): Promise<BillOutcome> {
  await lockPurchase(trx, bill.purchaseId);
  if (await billDecided(trx, bill.odooBillId)) return 'duplicate';
  const purchase = await loadPurchase(trx, bill.purchaseId);
  const earlier = (await loadBills(trx, [bill.purchaseId])).get(bill.purchaseId) ?? [];
  const billedBefore: BilledByLine = Object.fromEntries(
    [...matchedByLine(earlier)].map(([lineNo, l]) => [lineNo, l.quantity]),
  );
  const tolerancePercent = deps.vendorBillTolerancePercent;
  const decision = matchBill({
    purchase,
    billedBefore,
    lines: bill.lines,
    currency: bill.currency,
    tolerancePercent,
  });
  const decidedAt = deps.now();
  await saveDecidedBill(trx, bill, decision, tolerancePercent, decidedAt);
  const meta = {
    correlationId: bill.purchaseId,
    topicPrefix: deps.topicPrefix,
    occurredAt: decidedAt,
    ...cause,
  };
  const event =
    decision.decision === 'MATCHED'
      ? eventFor(
          'VendorBillMatched',
          {
            purchaseId: bill.purchaseId,
            odooBillId: bill.odooBillId,
            amountUntaxedMinor: bill.amountUntaxedMinor,
            currency: bill.currency,
            matchedAt: decidedAt,
          },
          meta,
        )
      : eventFor(
          'VendorBillMismatched',
          {
            purchaseId: bill.purchaseId,
            odooBillId: bill.odooBillId,
            mismatches: decision.mismatches,
            tolerancePercent,
            detectedAt: decidedAt,
          },
          meta,
        );
  await deps.outbox.append(trx, event);
  afterCommit(trx, () => deps.onBillDecided?.(decision.decision));
  return decision.decision;
}
