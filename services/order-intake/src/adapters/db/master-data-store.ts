import type {
  CustomerChanged,
  ProductChanged,
  UnitOfMeasureChanged,
  WarehouseChanged,
} from '@o2c/contracts';
import type { Knex } from 'knex';

/**
 * Upsert of one entity's latest state. The topic keeps one entity's events in order, but a
 * replay or redrive may bring an older state again: it never overwrites a newer write_date.
 */
async function upsert(
  trx: Knex.Transaction,
  table: string,
  key: string,
  row: Record<string, unknown> & { odoo_write_date: number },
) {
  await trx(table)
    .insert(row)
    .onConflict(key)
    .merge()
    .where(`${table}.odoo_write_date`, '<=', row.odoo_write_date);
}

export const saveProduct = (trx: Knex.Transaction, p: ProductChanged) =>
  upsert(trx, 'master_skus', 'sku', {
    sku: p.sku,
    name: p.name,
    uom: p.uom,
    substitution_allowed: p.substituteSku !== null,
    substitute_sku: p.substituteSku,
    active: p.active,
    odoo_product_id: p.odooProductId,
    odoo_write_date: p.odooWriteDate,
  });

export const saveCustomer = (trx: Knex.Transaction, c: CustomerChanged) =>
  upsert(trx, 'master_customers', 'customer_id', {
    customer_id: c.customerId,
    name: c.name,
    currency: c.currency,
    street: c.street,
    city: c.city,
    postal_code: c.postalCode,
    country_code: c.countryCode,
    active: c.active,
    odoo_partner_id: c.odooPartnerId,
    odoo_write_date: c.odooWriteDate,
  });

export const saveWarehouse = (trx: Knex.Transaction, w: WarehouseChanged) =>
  upsert(trx, 'master_warehouses', 'code', {
    code: w.code,
    name: w.name,
    sequence: w.sequence,
    active: w.active,
    odoo_warehouse_id: w.odooWarehouseId,
    odoo_write_date: w.odooWriteDate,
  });

export const saveUnit = (trx: Knex.Transaction, u: UnitOfMeasureChanged) =>
  upsert(trx, 'master_uoms', 'code', {
    code: u.code,
    name: u.name,
    category: u.category,
    reference_uom: u.referenceUom,
    factor: u.factor,
    fractional: u.fractional,
    active: u.active,
    odoo_write_date: u.odooWriteDate,
  });
