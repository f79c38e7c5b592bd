import type { Knex } from 'knex';
import { findViolations, orderFacts } from '../../adapters/db/verify-queries';
import { purchaseFacts } from './purchase-facts';

/**
 * GET /admin/verify: this service's own invariants (violations), the per-order facts the
 * platform's checker compares with the other services' and the per-purchase facts (lines
 * ordered, received and billed; bills with their decisions), read in one snapshot.
 */
export async function verify(db: Knex, service: string, now: number, tolerancePercent: number) {
  return db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    return {
      service,
      checkedAt: now,
      violations: await findViolations(trx),
      orders: await orderFacts(trx),
      /** The three-way match's tolerance, in percent of quantity and price. */
      tolerancePercent,
      purchases: await purchaseFacts(trx),
    };
  });
}
