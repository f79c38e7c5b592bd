import type { OdooClient } from '@o2c/odoo-client';
import { until } from './api';
import { billPurchase, receivePurchase } from './odoo-clerk';
import type { Endpoints } from './platform';
import { purchasingOf, type Reconciliation } from './purchasing';

/** Unit cost of the SKUs the mixed runs buy (the seed's standard prices, in cents). */
const UNIT_COST: Record<string, number> = { 'FURN-001': 6_000, 'FURN-002': 18_000 };
const OPEN = ['PENDING_APPROVAL', 'APPROVED', 'ORDERED'];

export interface Restocked {
  purchaseId: string;
  /** Received in full, per SKU. */
  quantities: Record<string, number>;
  /** The bill's decision: MATCHED, or MISMATCHED for finance. */
  bill: string;
}

/** Tries again while a service restarts (chaos): the same call is safe to repeat. */
const retrying = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number) =>
  until<T>(() => fn().catch(() => undefined), what, timeoutMs);

/**
 * Stock for what waits, bought instead of appearing: a min/max rule per SKU at SUP-001, the
 * planner, an operator's approval where the value is over the auto-approval threshold, the
 * clerk receiving each purchase order in full once placed, the accountant billing it, and the
 * bill matched. Resolves with one row per purchase.
 */
export async function restockByPurchasing(
  p: Endpoints,
  odoo: OdooClient,
  skus: string[],
  timeoutMs: number,
): Promise<Restocked[]> {
  const buy = purchasingOf(p);
  for (const sku of skus)
    await retrying(
      `rule for ${sku}`,
      () =>
        buy.setRule('WH', sku, {
          policy: 'MIN_MAX',
          min: 0,
          max: 10,
          supplierCode: 'SUP-001',
          leadTimeDays: 2,
          unitCostMinor: UNIT_COST[sku] ?? 1_000,
          currency: 'EUR',
        }),
      timeoutMs,
    );
  await retrying('the planner', () => buy.plan(), timeoutMs);
  const proposals = (await retrying('proposals', () => buy.proposals(), timeoutMs)).filter(
    (x) => skus.includes(x.sku) && OPEN.includes(x.status),
  );
  // Both SKUs come from SUP-001: approved within one window they share a purchase order.
  const bought = new Map<string, Record<string, number>>();
  for (const proposal of proposals) {
    if (proposal.status === 'PENDING_APPROVAL')
      await retrying('approval', () => buy.approve(proposal.proposalId), timeoutMs);
    const { purchaseId } = await retrying(
      `proposal ${proposal.proposalId} ordered`,
      () => buy.proposalReaches(proposal.proposalId, 'ORDERED', timeoutMs),
      timeoutMs,
    );
    const lines = bought.get(purchaseId!) ?? {};
    lines[proposal.sku] = (lines[proposal.sku] ?? 0) + proposal.quantity;
    bought.set(purchaseId!, lines);
  }
  const rows: Restocked[] = [];
  for (const [purchaseId, quantities] of bought) {
    await receivePurchase(odoo, purchaseId, quantities, { backorder: false });
    await billPurchase(odoo, purchaseId);
    const rec = await retrying<Reconciliation>(
      `bill of ${purchaseId} decided`,
      async () => {
        const r = await buy.reconciliation(purchaseId);
        return r.bills.length ? r : undefined;
      },
      timeoutMs,
    );
    rows.push({ purchaseId, quantities, bill: rec.bills.map((b) => b.decision).join(',') });
  }
  return rows;
}
