import type { Knex } from 'knex';

/**
 * Runs `effect` (a metric) only once the outermost transaction has committed: a savepoint's
 * release is not a commit, and a rollback anywhere skips it.
 */
export function afterCommit(trx: Knex.Transaction, effect: () => void): void {
  let outer = trx;
  while (outer.parentTransaction) outer = outer.parentTransaction;
  outer.executionPromise.then(effect, () => undefined);
}
