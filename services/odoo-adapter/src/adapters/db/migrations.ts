import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';
import { importMigration } from './import-migration';
import { purchaseFeedMigration } from './purchase-feed-migration';
import { purchaseMigration } from './purchase-migrations';
import { shadowMigration } from './shadow-migration';
import { waitMigration } from './wait-migration';

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
  {
    name: 'odoo_adapter_003_shipment_ledger',
    async up(db) {
      // The shipments sent to Odoo: their picking (for Odoo without stock_delivery, whose
      // pickings have no carrier_tracking_ref) and whether Odoo has them yet (a last shipment
      // waits for the earlier ones). Written outside the consumer's transaction.
      await db.schema.createTable('odoo_shipments', (t) => {
        t.text('shipment_id').primary();
        t.text('order_id').notNullable().index();
        t.text('tracking_ref').notNullable().index();
        t.boolean('last_shipment').notNullable();
        t.integer('picking_id');
        t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('validated_at', { useTz: true });
      });
    },
  },
  {
    name: 'odoo_adapter_004_return_ledger',
    async up(db) {
      // Our returns sent to Odoo and their return picking, recorded right after Odoo created it
      // (outside the consumer's transaction), so a retry validates it instead of returning twice.
      await db.schema.createTable('odoo_returns', (t) => {
        t.text('return_id').primary();
        t.text('order_id').notNullable().index();
        t.text('shipment_id').notNullable();
        t.integer('delivery_picking_id');
        t.integer('picking_id');
        t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('validated_at', { useTz: true });
      });
    },
  },
  {
    name: 'odoo_adapter_005_returns_waiting_for_invoice',
    async up(db) {
      // A return whose products are not all invoiced in Odoo waits (its resaleable lines kept
      // here) and is received once an invoice of the order is posted; one Odoo refuses by then
      // keeps the reason.
      await db.schema.alterTable('odoo_returns', (t) => {
        t.jsonb('waiting_lines');
        t.text('refused_reason');
      });
      await db.raw(
        'create index odoo_returns_waiting on odoo_returns (order_id) where waiting_lines is not null',
      );
    },
  },
  {
    name: 'odoo_adapter_006_invoices_waiting_for_delivery',
    async up(db) {
      // An invoice whose quantities Odoo cannot invoice yet (its delivery's validation comes on
      // another topic) waits here instead of holding its partition, and is posted when a
      // shipment of its order is validated.
      await db.schema.createTable('odoo_waiting_invoices', (t) => {
        t.text('invoice_id').primary();
        t.text('order_id').notNullable().index();
        t.uuid('event_id').notNullable();
        t.jsonb('invoice').notNullable();
        t.text('reason').notNullable();
        t.timestamp('waiting_since', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
    },
  },
  purchaseMigration,
  purchaseFeedMigration,
  shadowMigration,
  importMigration,
  waitMigration,
];
