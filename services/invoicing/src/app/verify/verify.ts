import type { Knex } from 'knex';
import { findViolations, orderFacts } from '../../adapters/db/verify-queries';

/**
 * GET /admin/verify: this service's own invariants (violations) and the per-order facts the
 * platform's checker compares with the other services', read in one snapshot.
 */
export async function verify(db: Knex, service: string, now: number) {
  return db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    return {
      service,
      checkedAt: now,
      violations: await findViolations(trx),
      orders: await orderFacts(trx),
    };
  });
}
