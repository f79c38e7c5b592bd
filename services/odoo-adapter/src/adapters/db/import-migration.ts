import type { Migration } from '@o2c/db';

/**
 * Orders o2c-ops bootstrap imported from sale orders the platform did not write: the link to
 * their sale order. Such an order is pinned to shadow (order_modes), so the adapter never writes
 * Odoo for it; the path that made the sale order finishes it.
 */
export const importMigration: Migration = {
  name: 'odoo_adapter_010_imported_orders',
  async up(db) {
    await db.schema.createTable('imported_orders', (t) => {
      t.text('order_id').primary();
      t.text('channel_code').notNullable();
      t.integer('sale_order_id').notNullable().index();
      t.text('sale_order_name').notNullable();
      t.text('client_order_ref');
      // When order-intake imported it (the event's importedAt).
      t.timestamp('imported_at', { useTz: true }).notNullable();
    });
  },
};
