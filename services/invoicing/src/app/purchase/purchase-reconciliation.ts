import type { Knex } from 'knex';
import { loadPurchase } from '../../adapters/db/purchase-repository';
import { loadBills } from '../../adapters/db/vendor-bill-repository';
import { DomainError, purchaseReport, type PurchaseReport } from '../../domain';

/** GET /purchases/{purchaseId}/reconciliation, read in one snapshot. */
export async function purchaseReconciliation(
  db: Knex,
  purchaseId: string,
): Promise<PurchaseReport> {
  const found = await db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    const purchase = await loadPurchase(trx, purchaseId);
    if (!purchase) return undefined;
    return purchaseReport(purchase, (await loadBills(trx, [purchaseId])).get(purchaseId) ?? []);
  });
  if (!found)
    throw new DomainError('PURCHASE_NOT_FOUND', `no purchase ${purchaseId} known to invoicing`);
  return found;
}
