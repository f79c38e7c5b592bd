import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';
import { catalogueMigration } from './catalogue-migration';
import { importMigration } from './import-migration';
import { replenishmentMigration } from './replenishment-migration';

const qty = 'numeric(18,6)';

/** This service's schema, in order: the shared outbox and inbox, then inventory-sync's own tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'inventory_sync_001_stock',
    async up(db) {
      await db.schema.createTable('positions', (t) => {
        t.text('sku').notNullable();
        t.text('warehouse_code').notNullable();
        t.specificType('on_hand', qty).notNullable().defaultTo(0);
        t.specificType('reserved', qty).notNullable().defaultTo(0);
        t.text('uom').notNullable();
        t.bigInteger('odoo_write_date');
        t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['sku', 'warehouse_code']);
      });
      // Every change of a position, once: the unique key is what makes a replayed effect a no-op.
      await db.schema.createTable('stock_ledger', (t) => {
        t.bigIncrements('id');
        t.text('sku').notNullable();
        t.text('warehouse_code').notNullable();
        t.specificType('on_hand_delta', qty).notNullable();
        t.specificType('reserved_delta', qty).notNullable();
        t.text('cause').notNullable();
        t.text('business_key').notNullable();
        t.text('source_event_id');
        t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.unique(['sku', 'warehouse_code', 'business_key']);
      });
      // One row per accepted order: the business key that makes a replayed OrderAccepted a no-op.
      await db.schema.createTable('orders', (t) => {
        t.text('order_id').primary();
        // Null for an order cancelled before we saw it accepted (the row then blocks a late accept).
        t.text('warehouse_code');
        t.text('state').notNullable();
        t.text('accepted_event_id');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      await db.schema.createTable('reservations', (t) => {
        t.uuid('reservation_id').primary();
        t.text('order_id').notNullable().references('orders.order_id');
        t.text('warehouse_code').notNullable();
        t.text('state').notNullable();
        t.text('release_reason');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.index(['order_id']);
      });
      // FulfillmentRequested links a shipment to the reservation it picks (a reservation may be
      // picked again under a new shipment id, e.g. after a reroute).
      await db.schema.createTable('shipments', (t) => {
        t.text('shipment_id').primary();
        t.uuid('reservation_id').notNullable().references('reservations.reservation_id');
      });
      await db.schema.createTable('reservation_lines', (t) => {
        t.uuid('reservation_id').notNullable().references('reservations.reservation_id');
        t.integer('line_no').notNullable();
        t.text('ordered_sku').notNullable();
        t.text('sku').notNullable();
        t.specificType('quantity', qty).notNullable();
        t.text('uom').notNullable();
        t.specificType('base_quantity', qty).notNullable();
        t.boolean('substituted').notNullable();
        t.primary(['reservation_id', 'line_no', 'sku']);
      });
      // At most one backorder per order: the first reservation creates it, fills only shrink it.
      await db.schema.createTable('backorders', (t) => {
        t.bigIncrements('seq');
        t.uuid('backorder_id').notNullable().unique();
        t.text('order_id').notNullable().unique().references('orders.order_id');
        t.text('warehouse_code').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      await db.schema.createTable('backorder_lines', (t) => {
        t.uuid('backorder_id').notNullable().references('backorders.backorder_id');
        t.integer('line_no').notNullable();
        t.text('sku').notNullable();
        t.text('uom').notNullable();
        t.boolean('substitution_allowed').notNullable();
        t.specificType('quantity', qty).notNullable();
        t.specificType('open', qty).notNullable();
        t.text('state').notNullable();
        t.primary(['backorder_id', 'line_no']);
      });
      await db.schema.createTable('reconciliation_runs', (t) => {
        t.uuid('run_id').primary();
        t.text('trigger').notNullable();
        t.integer('checked').notNullable();
        t.jsonb('drifts').notNullable();
        t.timestamp('ran_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
    },
  },
  catalogueMigration,
  {
    name: 'inventory_sync_002_dispatch_lag',
    async up(db) {
      // Our dispatches per position until Odoo's stock counts them out (its delivery validated
      // and a quant or reconciliation at or after that validation applied).
      await db.schema.createTable('odoo_lagging_dispatches', (t) => {
        t.text('shipment_id').notNullable();
        t.text('sku').notNullable();
        t.text('warehouse_code').notNullable();
        t.specificType('quantity', qty).notNullable();
        t.primary(['shipment_id', 'sku', 'warehouse_code']);
        t.index(['sku', 'warehouse_code']);
      });
      // The adapter's OdooDeliveryValidated, kept even when it overtakes our ShipmentDispatched.
      await db.schema.createTable('odoo_validated_shipments', (t) => {
        t.text('shipment_id').primary();
        t.bigInteger('odoo_write_date').notNullable();
      });
    },
  },
  replenishmentMigration,
  importMigration,
  {
    name: 'inventory_sync_005_odoo_read_times',
    async up(db) {
      // Odoo's write_date has whole seconds: when the adapter read a figure, and when it saw a
      // delivery validated, tell a figure of the validation's own second from before or after it.
      await db.schema.alterTable('positions', (t) => t.bigInteger('odoo_read_at'));
      await db.schema.alterTable('odoo_validated_shipments', (t) => t.bigInteger('seen_at'));
    },
  },
];
