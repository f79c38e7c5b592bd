import type { Migration } from '@o2c/db';

const qty = 'numeric(18,6)';

/**
 * Imported orders: the importedAt last applied (null: a platform order) and each line as Odoo
 * last described it, so a refresh is compared with it. Orders imported before this migration
 * get importedAt 0 (any refresh is newer) and their lines from their reservations (no price).
 */
export const importMigration: Migration = {
  name: 'inventory_sync_004_imported_orders',
  async up(db) {
    await db.schema.alterTable('orders', (t) => {
      t.bigInteger('imported_at');
    });
    await db.schema.createTable('imported_lines', (t) => {
      t.text('order_id').notNullable().references('orders.order_id');
      t.integer('line_no').notNullable();
      t.text('sku').notNullable();
      t.specificType('quantity', qty).notNullable();
      t.text('uom').notNullable();
      t.bigInteger('unit_price_minor');
      t.specificType('delivered_quantity', qty).notNullable();
      t.primary(['order_id', 'line_no']);
    });
    await db.raw(`
      update orders set imported_at = 0
      where accepted_event_id in
        (select event_id::text from inbox where event_type = 'OrderImported')`);
    await db.raw(`
      insert into imported_lines (order_id, line_no, sku, quantity, uom, delivered_quantity)
      select r.order_id, l.line_no, min(l.sku), sum(l.quantity), min(l.uom),
             sum(case when r.state = 'consumed' then l.quantity else 0 end)
      from reservation_lines l
      join reservations r using (reservation_id)
      join orders o on o.order_id = r.order_id and o.imported_at is not null
      group by r.order_id, l.line_no`);
  },
};
