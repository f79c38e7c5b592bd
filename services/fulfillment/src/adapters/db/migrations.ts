import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';

/** This service's schema, in order: the shared outbox and inbox, then the saga's tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'fulfillment_001_saga',
    async up(db) {
      await db.schema.createTable('orders', (t) => {
        t.text('order_id').primary();
        t.text('warehouse_code').notNullable();
        t.jsonb('ship_to').notNullable();
        t.jsonb('lines').notNullable();
        t.timestamp('cancelled_at', { useTz: true });
        t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      await db.schema.createTable('shipments', (t) => {
        t.text('shipment_id').primary();
        t.text('order_id').notNullable().references('orders.order_id');
        // One shipment per reservation, however often StockReserved is replayed.
        t.text('reservation_id').notNullable().unique();
        t.text('warehouse_code').notNullable();
        t.jsonb('lines').notNullable();
        t.text('state').notNullable();
        t.integer('carrier_index').notNullable();
        t.integer('attempts').notNullable();
        t.integer('total_attempts').notNullable();
        t.text('carrier_code');
        t.text('tracking_number').unique();
        t.bigInteger('next_attempt_at');
        t.bigInteger('deadline_at');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.index(['order_id']);
      });
      await db.raw(
        `create index shipments_due on shipments (coalesce(next_attempt_at, deadline_at))
         where state in ('BOOKING', 'CANCELLING', 'BOOKED', 'DISPATCHED')`,
      );
      await db.schema.createTable('shipment_history', (t) => {
        t.bigIncrements('id');
        t.text('shipment_id').notNullable().references('shipments.shipment_id');
        t.text('state').notNullable();
        t.text('note').notNullable();
        t.specificType('events', 'text[]').notNullable();
        t.bigInteger('at').notNullable();
        t.index(['shipment_id']);
      });
      // Compensations exactly once: one REROUTE per carrier tried, one RELEASE_AND_ESCALATE per
      // shipment, one exception per shipment and code.
      await db.schema.createTable('compensations', (t) => {
        t.text('shipment_id').notNullable().references('shipments.shipment_id');
        t.text('kind').notNullable();
        t.integer('carrier_index').notNullable();
        t.bigInteger('at').notNullable();
        t.primary(['shipment_id', 'kind', 'carrier_index']);
      });
      await db.schema.createTable('carrier_milestones', (t) => {
        t.text('tracking_number').notNullable();
        t.text('milestone').notNullable();
        t.text('carrier_code').notNullable();
        t.bigInteger('occurred_at').notNullable();
        t.primary(['tracking_number', 'milestone']);
      });
      await db.schema.createTable('backorders', (t) => {
        t.text('order_id').notNullable().references('orders.order_id');
        t.integer('line_no').notNullable();
        t.double('outstanding').notNullable();
        t.primary(['order_id', 'line_no']);
      });
      await db.schema.createTable('backorders_seen', (t) => {
        t.text('backorder_id').primary();
        t.text('order_id').notNullable();
      });
      await db.schema.createTable('releases', (t) => {
        t.text('reservation_id').primary();
        t.text('order_id').notNullable().references('orders.order_id');
        t.text('reason_code').notNullable();
        t.jsonb('lines').notNullable();
      });
      // Reservation events that arrived before their order's OrderAccepted (another topic).
      await db.schema.createTable('parked_events', (t) => {
        t.bigIncrements('id');
        t.text('order_id').notNullable().index();
        t.text('event_type').notNullable();
        t.jsonb('payload').notNullable();
        t.text('causation_id');
      });
      await db.schema.createTable('returns', (t) => {
        t.text('return_id').primary();
        t.text('order_id').notNullable().references('orders.order_id');
        t.text('shipment_id').notNullable().references('shipments.shipment_id');
        t.text('idempotency_key').unique();
        t.text('request_json').notNullable();
        t.jsonb('lines').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
    },
  },
  {
    // o2c_exceptions_open reads the exception rows only (see open-exceptions.ts).
    name: 'fulfillment_002_exception_index',
    async up(db) {
      await db.raw(
        `create index compensations_exceptions on compensations (kind, at)
         where kind like 'EXCEPTION:%'`,
      );
    },
  },
  {
    // The trace of the order a shipment belongs to: its saga steps and carrier milestones
    // continue it (see in-shipment-trace.ts); null for shipments made without tracing.
    name: 'fulfillment_003_shipment_trace',
    async up(db) {
      await db.schema.alterTable('shipments', (t) => t.text('traceparent'));
    },
  },
  {
    // Orders bootstrap imported from Odoo (OrderImported): no ship-to, no saga, Odoo's facts.
    name: 'fulfillment_004_imported_orders',
    async up(db) {
      await db.schema.alterTable('orders', (t) => t.jsonb('ship_to').nullable().alter());
      await db.schema.createTable('imported_orders', (t) => {
        t.text('order_id').primary().references('orders.order_id');
        t.text('channel_code').notNullable();
        t.text('channel_order_ref').notNullable();
        t.text('state').notNullable();
        t.jsonb('shipped_by_line').notNullable();
        t.integer('deliveries').notNullable();
        t.timestamp('imported_at', { useTz: true }).notNullable();
        t.unique(['channel_code', 'channel_order_ref']);
      });
      await db.raw(
        `alter table imported_orders add constraint imported_orders_state
         check (state in ('IMPORTED', 'COMPLETED'))`,
      );
    },
  },
  {
    // A later OrderImported refreshes the order: invoiced quantities may only grow, as delivered.
    name: 'fulfillment_005_imported_invoiced',
    async up(db) {
      await db.schema.alterTable('imported_orders', (t) =>
        t.jsonb('invoiced_by_line').notNullable().defaultTo('{}'),
      );
    },
  },
  {
    // An imported order the old path cancelled in Odoo while open (OrderCancelled).
    name: 'fulfillment_006_imported_cancelled',
    async up(db) {
      await db.raw(
        `alter table imported_orders drop constraint imported_orders_state,
         add constraint imported_orders_state check (state in ('IMPORTED', 'COMPLETED', 'CANCELLED'))`,
      );
    },
  },
];
