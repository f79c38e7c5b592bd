import { loadProposal, saveApproval, saveRejection } from '../../adapters/db/proposal-repository';
import { ReplenishmentError } from '../../domain/replenishment/errors';
import { approve, reject, type Proposal } from '../../domain/replenishment/proposal';
import { emit } from '../stock-effects';
import type { ReplenishmentDeps } from './replenishment-deps';

type Decision = { kind: 'approve'; by: string } | { kind: 'reject'; by: string; reason: string };

/** An operator approves or rejects a pending proposal; the row and the event commit together. */
export function decideProposal(
  deps: ReplenishmentDeps,
  proposalId: string,
  decision: Decision,
): Promise<Proposal> {
  return deps.db.transaction(async (trx) => {
    const proposal = await loadProposal(trx, proposalId, true);
    if (!proposal) {
      throw new ReplenishmentError('PROPOSAL_NOT_FOUND', `no proposal ${proposalId}`);
    }
    const cause = { eventId: null, correlationId: proposalId };
    const at = deps.now();
    if (decision.kind === 'approve') {
      const approved = approve(proposal, decision.by, at);
      await saveApproval(trx, approved);
      await emit(trx, deps, cause, 'ReplenishmentApproved', approved);
    } else {
      const rejected = reject(proposal, decision.by, decision.reason, at);
      await saveRejection(trx, rejected);
      await emit(trx, deps, cause, 'ReplenishmentRejected', rejected);
    }
    return (await loadProposal(trx, proposalId))!;
  });
}
