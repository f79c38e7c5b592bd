import type { Migration } from '@o2c/db';

/**
 * Shadow mode and per-channel cutover: each channel's write mode, the mode each order was pinned
 * to when its OrderAccepted was handled, the comparisons still waiting for the legacy integration
 * (re-checked until they match or settle) and the divergences found (once per source event, kind
 * and SKU, so a restart or a replay never reports one twice).
 */
export const shadowMigration: Migration = {
  name: 'odoo_adapter_009_shadow_mode',
  async up(db) {
    await db.schema.createTable('channel_modes', (t) => {
      t.text('channel_code').primary();
      t.text('mode').notNullable();
      t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.text('changed_by').notNullable();
      t.text('reason').notNullable();
    });
    await db.schema.createTable('order_modes', (t) => {
      t.text('order_id').primary();
      t.text('channel_code').notNullable();
      t.text('channel_order_ref').notNullable();
      t.text('mode').notNullable();
      t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      // The legacy integration's sale order a shadow comparison matched, once found.
      t.integer('odoo_sale_order_id');
      t.index(['channel_code', 'mode']);
    });
    await db.schema.createTable('shadow_checks', (t) => {
      t.uuid('source_event_id').primary();
      t.text('order_id').notNullable().index();
      t.text('channel_code').notNullable();
      t.text('flow').notNullable();
      t.jsonb('payload').notNullable();
      t.timestamp('first_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.timestamp('next_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.integer('attempts').notNullable().defaultTo(0);
      // pending | matched | diverged | skipped (an event type shadow mode does not compare)
      t.text('status').notNullable();
      t.timestamp('settled_at', { useTz: true });
      t.text('last_error');
    });
    await db.raw(
      "create index shadow_checks_due on shadow_checks (next_at) where status = 'pending'",
    );
    await db.schema.createTable('shadow_divergences', (t) => {
      t.bigIncrements('id');
      t.uuid('source_event_id').notNullable();
      t.text('order_id').notNullable().index();
      t.text('channel_code').notNullable();
      t.text('flow').notNullable();
      t.text('kind').notNullable();
      // '' when the divergence concerns no product (part of the uniqueness key).
      t.text('sku').notNullable().defaultTo('');
      t.text('expected');
      t.text('actual');
      t.text('odoo_model').notNullable();
      t.text('odoo_id');
      t.timestamp('detected_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      t.unique(['source_event_id', 'kind', 'sku']);
      t.index(['channel_code', 'detected_at']);
    });
  },
};
