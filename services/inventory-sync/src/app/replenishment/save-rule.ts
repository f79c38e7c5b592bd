import type { Knex } from 'knex';
import { baseUomOfKnownSku, isKnownWarehouse, upsertRule } from '../../adapters/db/rule-repository';
import { ReplenishmentError } from '../../domain/replenishment/errors';
import type { ReplenishmentRule } from '../../domain/replenishment/rule';

/** Stores a rule for a known SKU and warehouse, in the SKU's base unit. */
export async function saveRule(
  db: Knex,
  input: Omit<ReplenishmentRule, 'uom'>,
): Promise<ReplenishmentRule> {
  const uom = await baseUomOfKnownSku(db, input.sku);
  if (!uom) {
    throw new ReplenishmentError(
      'UNKNOWN_SKU',
      `SKU ${input.sku} is not an active product of the catalogue (odoo.master-data)`,
    );
  }
  if (!(await isKnownWarehouse(db, input.warehouseCode))) {
    throw new ReplenishmentError(
      'UNKNOWN_WAREHOUSE',
      `warehouse ${input.warehouseCode} is neither in odoo.master-data nor holding stock`,
    );
  }
  const rule = { ...input, uom };
  await upsertRule(db, rule);
  return rule;
}
