import type {
  ReplenishmentApproved,
  ReplenishmentProposed,
  ReplenishmentRejected,
} from '@o2c/contracts';
import { ReplenishmentError } from './errors';
import type { PlannedBuy } from './plan';
import type { PositionFacts, ReplenishmentRule } from './rule';

/**
 * PENDING_APPROVAL → APPROVED (operator or auto) → ORDERED (on a purchase order) → RECEIVED;
 * REJECTED by an operator, REFUSED by the supplier. RECEIVED, REJECTED and REFUSED are terminal.
 */
export const PROPOSAL_STATUSES = [
  'PENDING_APPROVAL',
  'APPROVED',
  'ORDERED',
  'RECEIVED',
  'REJECTED',
  'REFUSED',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface Proposal extends ReplenishmentProposed {
  status: ProposalStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  neededBy: number | null;
  purchaseId: string | null;
  statusReason: string | null;
}

const DAY_MS = 86_400_000;

/** The approval of a proposal at `at`: needed by then plus the supplier's lead time. */
export function approvalOf(
  p: ReplenishmentProposed,
  by: string,
  at: number,
): ReplenishmentApproved {
  return {
    proposalId: p.proposalId,
    sku: p.sku,
    warehouseCode: p.warehouseCode,
    supplierCode: p.supplierCode,
    quantity: p.quantity,
    uom: p.uom,
    unitCostMinor: p.unitCostMinor,
    currency: p.currency,
    neededBy: at + p.leadTimeDays * DAY_MS,
    approvedBy: by,
    approvedAt: at,
  };
}

/** A planned buy as a proposal, approved at once when its value is within `autoApproveMaxMinor`. */
export function propose(
  rule: ReplenishmentRule,
  facts: PositionFacts,
  buy: PlannedBuy,
  ctx: { proposalId: string; now: number; autoApproveMaxMinor: number },
): { proposed: ReplenishmentProposed; approved: ReplenishmentApproved | null } {
  const auto = buy.valueMinor <= ctx.autoApproveMaxMinor;
  const proposed: ReplenishmentProposed = {
    proposalId: ctx.proposalId,
    sku: rule.sku,
    warehouseCode: rule.warehouseCode,
    supplierCode: rule.supplierCode,
    quantity: buy.quantity,
    uom: rule.uom,
    unitCostMinor: rule.unitCostMinor,
    currency: rule.currency,
    valueMinor: buy.valueMinor,
    reason: buy.reason,
    onHand: facts.onHand,
    reserved: facts.reserved,
    backordered: facts.backordered,
    incoming: facts.incoming,
    leadTimeDays: rule.leadTimeDays,
    approval: auto ? 'AUTO' : 'REQUIRED',
    proposedAt: ctx.now,
  };
  return { proposed, approved: auto ? approvalOf(proposed, 'auto', ctx.now) : null };
}

function pending(p: Proposal): void {
  if (p.status !== 'PENDING_APPROVAL') {
    throw new ReplenishmentError(
      'PROPOSAL_NOT_PENDING',
      `proposal ${p.proposalId} is ${p.status}, not PENDING_APPROVAL`,
    );
  }
}

/** An operator's approval; only a pending proposal can be approved. */
export function approve(p: Proposal, by: string, at: number): ReplenishmentApproved {
  pending(p);
  return approvalOf(p, by, at);
}

/** An operator's rejection; only a pending proposal can be rejected. */
export function reject(p: Proposal, by: string, reason: string, at: number): ReplenishmentRejected {
  pending(p);
  return {
    proposalId: p.proposalId,
    sku: p.sku,
    warehouseCode: p.warehouseCode,
    rejectedBy: by,
    reason,
    rejectedAt: at,
  };
}

/** Why a proposal is where it is, for verify: a terminal one needs none unless refused/rejected. */
export function explain(
  p: Proposal,
  purchase?: { odooReference: string; status: string },
): string | null {
  switch (p.status) {
    case 'PENDING_APPROVAL':
      return `waiting for an operator: value ${p.valueMinor} ${p.currency} is above the auto-approval threshold`;
    case 'APPROVED':
      return `approved by ${p.decidedBy}, waiting to be placed on a purchase order`;
    case 'ORDERED':
      return `on purchase ${p.purchaseId}${purchase ? ` (${purchase.odooReference}, ${purchase.status})` : ''}, receipt expected`;
    case 'RECEIVED':
      return null;
    case 'REJECTED':
    case 'REFUSED':
      return p.statusReason;
  }
}
