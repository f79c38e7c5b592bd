import type { Migration } from '@o2c/db';

/**
 * Events of an order (shipment, invoice, cancellation, return, credit note) that reached the
 * adapter before their sale order was confirmed in Odoo (its OrderAccepted comes on another
 * topic, or is retrying): they wait here, in arrival order, instead of holding their partition.
 */
export const waitMigration: Migration = {
  name: 'odoo_adapter_011_events_waiting_for_sale_order',
  async up(db) {
    await db.schema.createTable('odoo_waiting_for_sale_order', (t) => {
      // Arrival order: a key's events are resumed in it.
      t.bigIncrements('seq').primary();
      t.uuid('event_id').notNullable().unique();
      t.text('order_id').notNullable().index();
      t.text('event_type').notNullable();
      // The decoded message (value, metadata, topic, partition, offset), handled again on resume.
      t.jsonb('message').notNullable();
      t.text('reason').notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('waiting_since', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
};
