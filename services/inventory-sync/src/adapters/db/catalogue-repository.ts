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

interface UnitRow {
  code: string;
  reference_uom: string;
  factor: number | string;
  fractional: boolean;
}

/** json_agg gives null over no rows. */
interface CatalogueRow {
  products: ProductRow[] | null;
  units: UnitRow[] | null;
}

/**
 * The catalogue around `skus`: the SKUs, their substitutes, the SKUs they substitute for, and
 * every unit (a few dozen). One statement in the caller's transaction, never the whole product
 * list.
 */
export async function loadCatalogue(db: Knex, skus: readonly string[]): Promise<Catalogue> {
  const wanted = [...new Set(skus)];
  const { rows } = await db.raw<{ rows: CatalogueRow[] }>(
    `with wanted as (select jsonb_array_elements_text(:wanted::jsonb) as sku)
     select
       (select json_agg(p) from (
          select sku, uom, substitute_sku, active from catalogue_products
          where sku in (select sku from wanted)
             or substitute_sku in (select sku from wanted)
             or sku in (select substitute_sku from catalogue_products
                        where sku in (select sku from wanted))
        ) p) as products,
       (select json_agg(u) from (
          select code, reference_uom, factor, fractional from catalogue_units
        ) u) as units`,
    { wanted: JSON.stringify(wanted) },
  );
  const { products, units } = rows[0]!;
  return buildCatalogue(
    facts(products ?? []),
    (units ?? []).map((u) => ({
      code: u.code,
      fractional: u.fractional,
      referenceUom: u.reference_uom,
      factor: Number(u.factor),
    })),
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
