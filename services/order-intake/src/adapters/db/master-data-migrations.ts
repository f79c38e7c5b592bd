import type { Migration } from '@o2c/db';

const MASTER_TABLES = ['master_skus', 'master_customers', 'master_warehouses', 'master_uoms'];

/**
 * The master tables take odoo.master-data's shape. The simulator's seed rows go: a new consumer
 * group reads the compacted topic from the beginning and rebuilds them from Odoo. A product may
 * arrive before its unit (another partition), so the unit is no longer a foreign key.
 */
export const masterDataFromOdoo: Migration = {
  name: 'order_intake_004_master_data_from_odoo',
  async up(db) {
    await db.schema.alterTable('master_skus', (t) => {
      t.dropForeign(['uom']);
    });
    for (const table of MASTER_TABLES) await db(table).delete();
    await db.schema.alterTable('master_uoms', (t) => {
      t.text('name');
      t.text('category');
      t.text('reference_uom');
      t.double('factor');
      t.boolean('active').notNullable().defaultTo(true);
      t.bigInteger('odoo_write_date').notNullable().defaultTo(0);
    });
    await db.schema.alterTable('master_skus', (t) => {
      t.text('odoo_product_id');
      t.text('substitute_sku');
      t.bigInteger('odoo_write_date').notNullable().defaultTo(0);
    });
    await db.schema.alterTable('master_customers', (t) => {
      t.text('odoo_partner_id');
      t.bigInteger('odoo_write_date').notNullable().defaultTo(0);
    });
    await db.schema.alterTable('master_warehouses', (t) => {
      t.text('odoo_warehouse_id');
      t.integer('sequence').notNullable().defaultTo(10);
      t.boolean('active').notNullable().defaultTo(true);
      t.bigInteger('odoo_write_date').notNullable().defaultTo(0);
    });
  },
};

/** A channel's own SKU or customer codes for Odoo's, maintained by operators over REST. */
export const channelAliases: Migration = {
  name: 'order_intake_005_channel_aliases',
  async up(db) {
    await db.schema.createTable('channel_aliases', (t) => {
      t.text('channel_code').notNullable();
      t.text('kind').notNullable();
      t.text('alias').notNullable();
      t.text('target').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.primary(['channel_code', 'kind', 'alias']);
    });
  },
};
