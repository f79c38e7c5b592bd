import type { Migration } from '@o2c/db';

/** Products and units as odoo.master-data describes them (the catalogue was code before). */
export const catalogueMigration: Migration = {
  name: 'inventory_sync_002_catalogue',
  async up(db) {
    await db.schema.createTable('catalogue_products', (t) => {
      t.text('sku').primary();
      t.text('uom').notNullable();
      t.text('substitute_sku').index();
      t.boolean('active').notNullable();
      t.bigInteger('odoo_write_date').notNullable();
    });
    await db.schema.createTable('catalogue_units', (t) => {
      t.text('code').primary();
      t.text('reference_uom').notNullable();
      t.double('factor').notNullable();
      t.boolean('fractional').notNullable();
      t.boolean('active').notNullable();
      t.bigInteger('odoo_write_date').notNullable();
    });
  },
};
