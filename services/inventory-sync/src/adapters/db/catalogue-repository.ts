import type { ProductChanged, UnitOfMeasureChanged, WarehouseChanged } from '@o2c/contracts';
import type { Knex } from 'knex';
import { buildCatalogue, type Catalogue, type ProductFacts } from '../../domain/catalogue';

interface ProductRow {
  sku: string;
  uom: string;
  substitute_sku: string | null;
  active: boolean;
}

const facts = (rows: ProductRow[]): ProductFacts[] =>
  rows.map((r) => ({ sku: r.sku, uom: r.uom, substitute: r.substitute_sku, active: r.active }));

/**
 * The catalogue around `skus`: the SKUs, their substitutes, the SKUs they substitute for, and
 * every unit (a few dozen). Read in the caller's transaction, never the whole product list.
 */
export async function loadCatalogue(db: Knex, skus: readonly string[]): Promise<Catalogue> {
  const wanted = [...new Set(skus)];
  const around = await db('catalogue_products')
    .whereIn('sku', wanted)
    .orWhereIn('substitute_sku', wanted)
    .select<ProductRow[]>('sku', 'uom', 'substitute_sku', 'active');
  const known = new Set(around.map((r) => r.sku));
  const missing = [
    ...new Set(around.flatMap((r) => (r.substitute_sku ? [r.substitute_sku] : []))),
  ].filter((s) => !known.has(s));
  const substitutes = missing.length
    ? await db('catalogue_products')
        .whereIn('sku', missing)
        .select<ProductRow[]>('sku', 'uom', 'substitute_sku', 'active')
    : [];
  const units = await db('catalogue_units').select<
    Array<{ code: string; reference_uom: string; factor: number; fractional: boolean }>
  >('code', 'reference_uom', 'factor', 'fractional');
  return buildCatalogue(
    facts([...around, ...substitutes]),
    units.map((u) => ({ ...u, referenceUom: u.reference_uom, factor: Number(u.factor) })),
  );
}

/**
 * Upserts of one entity's latest state; a replayed older state (lower write_date) is ignored.
 * Stock positions keep their unit: a product whose unit changes category needs a stock count.
 */
export const saveProduct = (trx: Knex.Transaction, p: ProductChanged) =>
  trx('catalogue_products')
    .insert({
      sku: p.sku,
      uom: p.uom,
      substitute_sku: p.substituteSku,
      active: p.active,
      odoo_write_date: p.odooWriteDate,
    })
    .onConflict('sku')
    .merge()
    .where('catalogue_products.odoo_write_date', '<=', p.odooWriteDate);

export const saveUnit = (trx: Knex.Transaction, u: UnitOfMeasureChanged) =>
  trx('catalogue_units')
    .insert({
      code: u.code,
      reference_uom: u.referenceUom,
      factor: u.factor,
      fractional: u.fractional,
      active: u.active,
      odoo_write_date: u.odooWriteDate,
    })
    .onConflict('code')
    .merge()
    .where('catalogue_units.odoo_write_date', '<=', u.odooWriteDate);

/** Warehouses, for the replenishment rules' validation. */
export const saveWarehouse = (trx: Knex.Transaction, w: WarehouseChanged) =>
  trx('catalogue_warehouses')
    .insert({ code: w.code, active: w.active, odoo_write_date: w.odooWriteDate })
    .onConflict('code')
    .merge()
    .where('catalogue_warehouses.odoo_write_date', '<=', w.odooWriteDate);
