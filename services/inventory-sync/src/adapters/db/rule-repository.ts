import type { Knex } from 'knex';
import type { ReplenishmentRule } from '../../domain/replenishment/rule';

interface RuleRow {
  sku: string;
  warehouse_code: string;
  supplier_code: string;
  policy: ReplenishmentRule['policy'];
  low: string;
  high: string;
  pack_size: string;
  lead_time_days: number;
  unit_cost_minor: string;
  currency: string;
  min_order_value_minor: string;
  uom: string;
}

const COLUMNS = [
  'sku',
  'warehouse_code',
  'supplier_code',
  'policy',
  'low',
  'high',
  'pack_size',
  'lead_time_days',
  'unit_cost_minor',
  'currency',
  'min_order_value_minor',
  'uom',
];

const ruleOf = (r: RuleRow): ReplenishmentRule => ({
  sku: r.sku,
  warehouseCode: r.warehouse_code,
  supplierCode: r.supplier_code,
  policy: r.policy,
  low: Number(r.low),
  high: Number(r.high),
  packSize: Number(r.pack_size),
  leadTimeDays: r.lead_time_days,
  unitCostMinor: Number(r.unit_cost_minor),
  currency: r.currency,
  minOrderValueMinor: Number(r.min_order_value_minor),
  uom: r.uom,
});

export async function upsertRule(db: Knex, rule: ReplenishmentRule): Promise<void> {
  await db('replenishment_rules')
    .insert({
      sku: rule.sku,
      warehouse_code: rule.warehouseCode,
      supplier_code: rule.supplierCode,
      policy: rule.policy,
      low: rule.low,
      high: rule.high,
      pack_size: rule.packSize,
      lead_time_days: rule.leadTimeDays,
      unit_cost_minor: rule.unitCostMinor,
      currency: rule.currency,
      min_order_value_minor: rule.minOrderValueMinor,
      uom: rule.uom,
      updated_at: db.fn.now(),
    })
    .onConflict(['warehouse_code', 'sku'])
    .merge();
}

export async function listRules(db: Knex): Promise<ReplenishmentRule[]> {
  const rows = await db('replenishment_rules')
    .orderBy(['warehouse_code', 'sku'])
    .select<RuleRow[]>(COLUMNS);
  return rows.map(ruleOf);
}

/** The rule, locked: one planner at a time decides for its position (timer and on demand). */
export async function lockRule(
  trx: Knex.Transaction,
  warehouseCode: string,
  sku: string,
): Promise<ReplenishmentRule | undefined> {
  const row = await trx('replenishment_rules')
    .where({ warehouse_code: warehouseCode, sku })
    .forUpdate()
    .first<RuleRow | undefined>(COLUMNS);
  return row && ruleOf(row);
}

export const deleteRule = (db: Knex, warehouseCode: string, sku: string): Promise<number> =>
  db('replenishment_rules').where({ warehouse_code: warehouseCode, sku }).delete();

/** The base unit of an active catalogue product, or undefined for a SKU we do not know. */
export async function baseUomOfKnownSku(db: Knex, sku: string): Promise<string | undefined> {
  const row = await db('catalogue_products as p')
    .leftJoin('catalogue_units as u', 'u.code', 'p.uom')
    .where({ 'p.sku': sku, 'p.active': true })
    .first<{ uom: string; reference_uom: string | null } | undefined>('p.uom', 'u.reference_uom');
  return row ? (row.reference_uom ?? row.uom) : undefined;
}

/** A warehouse odoo.master-data describes as active, or one we already keep stock in. */
export async function isKnownWarehouse(db: Knex, code: string): Promise<boolean> {
  const { rows } = await db.raw<{ rows: unknown[] }>(
    `select 1 from catalogue_warehouses where code = ? and active
     union all select 1 from positions where warehouse_code = ? limit 1`,
    [code, code],
  );
  return rows.length > 0;
}
