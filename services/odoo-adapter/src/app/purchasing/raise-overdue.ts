import { eventFor } from '@o2c/outbox';
import { claimOverdue } from '../../adapters/db/purchase-ledger';
import type { PurchasingDeps } from './purchasing-deps';

/** One CONFIRMATION_OVERDUE per placed purchase the supplier left unanswered past the timeout. */
export async function raiseOverdue(deps: PurchasingDeps): Promise<number> {
  return deps.db.transaction(async (trx) => {
    const overdue = await claimOverdue(trx, deps.confirmationTimeoutMs);
    if (!overdue.length) return 0;
    const now = Date.now();
    await deps.outbox.append(
      trx,
      overdue.map((p) =>
        eventFor(
          'PurchaseExceptionRaised',
          {
            purchaseId: p.purchase_id,
            kind: 'CONFIRMATION_OVERDUE',
            detail: `supplier ${p.supplier_code} has not confirmed ${p.odoo_reference ?? p.purchase_id} placed at ${p.placed_at?.toISOString() ?? '?'} within ${deps.confirmationTimeoutMs / 1000} s`,
            raisedAt: now,
          },
          { correlationId: p.purchase_id, topicPrefix: deps.topicPrefix },
        ),
      ),
    );
    for (const p of overdue)
      deps.logger.warn({ purchaseId: p.purchase_id }, 'purchase confirmation overdue');
    return overdue.length;
  });
}
