import type { Knex } from 'knex';
import { openBackordered } from '../../adapters/db/backorder-repository';
import { loadCatalogue } from '../../adapters/db/catalogue-repository';
import { readPositions } from '../../adapters/db/position-repository';
import { incomingOf } from '../../adapters/db/purchase-repository';
import type { PositionFacts, ReplenishmentRule } from '../../domain/replenishment/rule';
import { roundQty, toBase } from '../../domain/units';

/** The position of a rule as the planner sees it, in the rule's (the SKU's base) unit. */
export async function positionFacts(
  trx: Knex.Transaction,
  rule: ReplenishmentRule,
): Promise<PositionFacts> {
  const [position] = await readPositions(trx, { sku: rule.sku, warehouseCode: rule.warehouseCode });
  const waiting = await openBackordered(trx, rule.sku, rule.warehouseCode);
  const cat = await loadCatalogue(trx, [rule.sku]);
  return {
    onHand: position?.onHand ?? 0,
    reserved: position?.reserved ?? 0,
    backordered: roundQty(
      waiting.reduce((sum, w) => sum + toBase(cat, w.open, w.uom, rule.uom), 0),
    ),
    incoming: await incomingOf(trx, rule.sku, rule.warehouseCode),
  };
}
