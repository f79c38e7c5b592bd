import type { Knex } from 'knex';

/** Runs `effect` (a metric) only once the transaction has committed; a rollback skips it. */
export function afterCommit(trx: Knex.Transaction, effect: () => void): void {
  trx.executionPromise.then(effect, () => undefined);
}
