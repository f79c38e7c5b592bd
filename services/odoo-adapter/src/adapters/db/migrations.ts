import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';

/** This service's schema, in order: the shared outbox and inbox, then the adapter's own tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'odoo_adapter_001_sync_state',
    async up(db) {
      // What each consumed event did in Odoo: the audit trail behind "one sale order per order".
      await db.schema.createTable('odoo_sync_log', (t) => {
        t.uuid('event_id').primary();
        t.text('event_type').notNullable();
        t.text('order_id').notNullable().index();
        t.text('odoo_model').notNullable();
        t.integer('odoo_id').notNullable();
        t.text('action').notNullable();
        t.timestamp('synced_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      await db.schema.createTable('odoo_poll_cursors', (t) => {
        t.text('model').primary();
        t.text('cursor').notNullable();
      });
      // Changes already emitted, so the overlap re-read and webhooks never emit one twice.
      await db.schema.createTable('odoo_seen_changes', (t) => {
        t.text('model').notNullable();
        t.integer('record_id').notNullable();
        t.text('write_date').notNullable();
        t.primary(['model', 'record_id', 'write_date']);
        t.index(['model', 'write_date']);
      });
    },
  },
  {
    name: 'odoo_adapter_002_seen_values',
    async up(db) {
      // Two changes within one second share write_date: tell them apart by the values read.
      await db.schema.alterTable('odoo_seen_changes', (t) => {
        t.text('fingerprint').notNullable().defaultTo('');
        t.dropPrimary();
      });
      await db.schema.alterTable('odoo_seen_changes', (t) => {
        t.primary(['model', 'record_id', 'write_date', 'fingerprint']);
      });
    },
  },
];
