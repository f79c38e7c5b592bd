import { roundQty } from '../units';
import type { PositionFacts, ReplenishmentRule } from './rule';

export type ProposalReason = 'REORDER_POINT' | 'BACKORDERS';

export interface PlannedBuy {
  quantity: number;
  valueMinor: number;
  reason: ProposalReason;
  /** onHand − reserved − backordered + incoming, before this buy. */
  projected: number;
}

/** Stock the position can still count on: free stock less waiting demand plus what is coming. */
export const projectedOf = (f: PositionFacts): number =>
  roundQty(f.onHand - f.reserved - f.backordered + f.incoming);

const packsOf = (quantity: number, packSize: number): number =>
  Math.ceil(roundQty(quantity / packSize));

/**
 * Whether to buy and how much: nothing while projected stock stays above the rule's low mark;
 * else the rule's quantity (never less than what the open backorders lack), rounded up to whole
 * packs, then raised in packs to the minimum order value.
 */
export function planReplenishment(
  rule: ReplenishmentRule,
  facts: PositionFacts,
): PlannedBuy | null {
  const projected = projectedOf(facts);
  if (projected > rule.low) return null;
  const wanted =
    rule.policy === 'MIN_MAX' ? rule.high - projected : Math.max(rule.high, -projected);
  if (wanted <= 0) return null;
  let packs = packsOf(wanted, rule.packSize);
  const packValue = rule.packSize * rule.unitCostMinor;
  if (packValue > 0 && packs * packValue < rule.minOrderValueMinor) {
    packs = Math.ceil(rule.minOrderValueMinor / packValue);
  }
  const quantity = roundQty(packs * rule.packSize);
  const free = facts.onHand - facts.reserved + facts.incoming;
  return {
    quantity,
    valueMinor: Math.round(quantity * rule.unitCostMinor),
    reason: facts.backordered > 0 && facts.backordered > free ? 'BACKORDERS' : 'REORDER_POINT',
    projected,
  };
}
