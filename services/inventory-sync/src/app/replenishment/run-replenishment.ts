import type { ReplenishmentProposed } from '@o2c/contracts';
import type { Knex } from 'knex';
import { hasOpenProposal, insertProposal } from '../../adapters/db/proposal-repository';
import { listRules, lockRule } from '../../adapters/db/rule-repository';
import { DomainError } from '../../domain/errors';
import { planReplenishment } from '../../domain/replenishment/plan';
import { propose } from '../../domain/replenishment/proposal';
import { emit } from '../stock-effects';
import { positionFacts } from './position-facts';
import type { ReplenishmentDeps } from './replenishment-deps';

export interface ReplenishmentRun {
  proposals: ReplenishmentProposed[];
  /** Rules the run could not plan (a backorder in a unit that does not convert). */
  skipped: Array<{ sku: string; warehouseCode: string; error: string }>;
}

/**
 * One planning pass over every rule, each in its own transaction: the proposal row and its
 * events (ReplenishmentProposed, and ReplenishmentApproved when auto-approved) commit together.
 */
export async function runReplenishment(deps: ReplenishmentDeps): Promise<ReplenishmentRun> {
  const run: ReplenishmentRun = { proposals: [], skipped: [] };
  for (const { warehouseCode, sku } of await listRules(deps.db)) {
    try {
      const proposed = await deps.db.transaction((trx) => planOne(trx, deps, warehouseCode, sku));
      if (proposed) run.proposals.push(proposed);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      run.skipped.push({ sku, warehouseCode, error: error.message });
    }
  }
  return run;
}

async function planOne(
  trx: Knex.Transaction,
  deps: ReplenishmentDeps,
  warehouseCode: string,
  sku: string,
): Promise<ReplenishmentProposed | null> {
  // The rule's lock serialises planners; a position waiting on a proposal gets no second one.
  const rule = await lockRule(trx, warehouseCode, sku);
  if (!rule || (await hasOpenProposal(trx, sku, warehouseCode))) return null;
  const facts = await positionFacts(trx, rule);
  const buy = planReplenishment(rule, facts);
  if (!buy) return null;
  const { proposed, approved } = propose(rule, facts, buy, {
    proposalId: deps.newId(),
    now: deps.now(),
    autoApproveMaxMinor: deps.autoApproveMaxMinor,
  });
  await insertProposal(trx, proposed, approved);
  const cause = { eventId: null, correlationId: proposed.proposalId };
  await emit(trx, deps, cause, 'ReplenishmentProposed', proposed);
  if (approved) await emit(trx, deps, cause, 'ReplenishmentApproved', approved);
  return proposed;
}
