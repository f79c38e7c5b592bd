import type { ReplenishmentApproved, ReplenishmentProposed } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Proposal, ProposalStatus } from '../../domain/replenishment/proposal';

interface ProposalRow {
  proposal_id: string;
  sku: string;
  warehouse_code: string;
  supplier_code: string;
  quantity: string;
  uom: string;
  unit_cost_minor: string;
  currency: string;
  value_minor: string;
  reason: string;
  on_hand: string;
  reserved: string;
  backordered: string;
  incoming: string;
  lead_time_days: number;
  approval: string;
  status: ProposalStatus;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  needed_by: string | null;
  purchase_id: string | null;
  status_reason: string | null;
}

const orNull = (v: string | null) => (v === null ? null : Number(v));

const proposalOf = (r: ProposalRow): Proposal => ({
  proposalId: r.proposal_id,
  sku: r.sku,
  warehouseCode: r.warehouse_code,
  supplierCode: r.supplier_code,
  quantity: Number(r.quantity),
  uom: r.uom,
  unitCostMinor: Number(r.unit_cost_minor),
  currency: r.currency,
  valueMinor: Number(r.value_minor),
  reason: r.reason,
  onHand: Number(r.on_hand),
  reserved: Number(r.reserved),
  backordered: Number(r.backordered),
  incoming: Number(r.incoming),
  leadTimeDays: r.lead_time_days,
  approval: r.approval,
  proposedAt: Number(r.proposed_at),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: orNull(r.decided_at),
  neededBy: orNull(r.needed_by),
  purchaseId: r.purchase_id,
  statusReason: r.status_reason,
});

const approvalColumns = (a: ReplenishmentApproved) => ({
  status: 'APPROVED',
  decided_by: a.approvedBy,
  decided_at: a.approvedAt,
  needed_by: a.neededBy,
});

export async function insertProposal(
  trx: Knex.Transaction,
  p: ReplenishmentProposed,
  approved: ReplenishmentApproved | null,
): Promise<void> {
  await trx('replenishment_proposals').insert({
    proposal_id: p.proposalId,
    sku: p.sku,
    warehouse_code: p.warehouseCode,
    supplier_code: p.supplierCode,
    quantity: p.quantity,
    uom: p.uom,
    unit_cost_minor: p.unitCostMinor,
    currency: p.currency,
    value_minor: p.valueMinor,
    reason: p.reason,
    on_hand: p.onHand,
    reserved: p.reserved,
    backordered: p.backordered,
    incoming: p.incoming,
    lead_time_days: p.leadTimeDays,
    approval: p.approval,
    proposed_at: p.proposedAt,
    ...(approved ? approvalColumns(approved) : { status: 'PENDING_APPROVAL' }),
  });
}

/** A proposal waiting for approval or for its purchase order (the partial unique index's set). */
export async function hasOpenProposal(
  trx: Knex.Transaction,
  sku: string,
  warehouseCode: string,
): Promise<boolean> {
  const row: unknown = await trx('replenishment_proposals')
    .where({ sku, warehouse_code: warehouseCode })
    .whereIn('status', ['PENDING_APPROVAL', 'APPROVED'])
    .first('proposal_id');
  return row !== undefined;
}

export async function loadProposal(
  db: Knex,
  proposalId: string,
  lock = false,
): Promise<Proposal | undefined> {
  const q = db('replenishment_proposals').where({ proposal_id: proposalId });
  const row = await (lock ? q.forUpdate() : q).first<ProposalRow | undefined>();
  return row && proposalOf(row);
}

export async function listProposals(db: Knex, status?: ProposalStatus): Promise<Proposal[]> {
  const q = db('replenishment_proposals').orderBy('proposed_at', 'desc');
  const rows = await (status ? q.where({ status }) : q).select<ProposalRow[]>();
  return rows.map(proposalOf);
}

export const saveApproval = (trx: Knex.Transaction, a: ReplenishmentApproved) =>
  trx('replenishment_proposals').where({ proposal_id: a.proposalId }).update(approvalColumns(a));

export const saveRejection = (
  trx: Knex.Transaction,
  r: { proposalId: string; rejectedBy: string; reason: string; rejectedAt: number },
) =>
  trx('replenishment_proposals').where({ proposal_id: r.proposalId }).update({
    status: 'REJECTED',
    decided_by: r.rejectedBy,
    decided_at: r.rejectedAt,
    status_reason: r.reason,
  });

/** Approved proposals a purchase order now buys. */
export const markOrdered = (trx: Knex.Transaction, ids: readonly string[], purchaseId: string) =>
  trx('replenishment_proposals')
    .whereIn('proposal_id', [...ids])
    .where({ status: 'APPROVED' })
    .update({ status: 'ORDERED', purchase_id: purchaseId });

/** The ordered proposals of a purchase move on together: RECEIVED or REFUSED (terminal). */
export const closeOrdered = (
  trx: Knex.Transaction,
  purchaseId: string,
  status: 'RECEIVED' | 'REFUSED',
  reason: string | null,
) =>
  trx('replenishment_proposals')
    .where({ purchase_id: purchaseId, status: 'ORDERED' })
    .update({ status, status_reason: reason });
