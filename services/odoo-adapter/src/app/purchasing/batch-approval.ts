import type { ReplenishmentApproved } from '@o2c/contracts';
import type { Knex } from 'knex';
import { joinBatch } from '../../adapters/db/purchase-ledger';

/**
 * ReplenishmentApproved → the open purchase batch of its supplier, warehouse and currency, in the
 * inbox transaction. A proposal joins one batch at most: redelivered or replayed, it adds nothing.
 */
export async function batchApproval(
  trx: Knex.Transaction,
  approval: ReplenishmentApproved,
  windowMs: number,
) {
  return joinBatch(trx, approval, windowMs);
}
