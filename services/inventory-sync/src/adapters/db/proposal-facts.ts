import type { Knex } from 'knex';
import { explain } from '../../domain/replenishment/proposal';
import { listProposals } from './proposal-repository';
import { purchaseSummaries } from './purchase-repository';

export interface ProposalFacts {
  status: string;
  sku: string;
  warehouseCode: string;
  purchaseId: string | null;
  /** Why it is still open, or why it ended without stock (rejected, refused); null when received. */
  reason: string | null;
}

/** Every proposal with its status and explanation, for the cross-service checker. */
export async function proposalFacts(db: Knex): Promise<Record<string, ProposalFacts>> {
  const [proposals, purchases] = await Promise.all([listProposals(db), purchaseSummaries(db)]);
  return Object.fromEntries(
    proposals.map((p) => [
      p.proposalId,
      {
        status: p.status,
        sku: p.sku,
        warehouseCode: p.warehouseCode,
        purchaseId: p.purchaseId,
        reason: explain(p, p.purchaseId ? purchases.get(p.purchaseId) : undefined),
      },
    ]),
  );
}
