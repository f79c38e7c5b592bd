import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';
import { channelAliases, masterDataFromOdoo } from './master-data-migrations';

/** This service's schema, in order: the shared outbox and inbox, then order-intake's own tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'order_intake_001_orders',
    async up(db) {
      await db.schema.createTable('orders', (t) => {
        t.text('order_id').primary();
        t.text('channel_code').notNullable();
        t.text('channel_order_ref').notNullable();
        t.text('status').notNullable();
        t.text('customer_id');
        t.text('currency');
        t.bigInteger('total_minor');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      // The channel-ref dedupe: at most one live order per channel ref. Rejected submissions
      // stay out of it so a channel can fix an order and resubmit it under the same ref.
      await db.raw(
        `create unique index orders_live_channel_ref on orders (channel_code, channel_order_ref)
         where status <> 'rejected'`,
      );
      await db.schema.createTable('order_events', (t) => {
        t.uuid('event_id').primary();
        t.text('order_id').notNullable().references('orders.order_id');
        t.text('event_type').notNullable();
        t.timestamp('occurred_at', { useTz: true }).notNullable();
        t.jsonb('data').notNullable();
        t.index(['order_id', 'occurred_at']);
      });
      await db.schema.createTable('idempotency_keys', (t) => {
        t.text('key').primary();
        t.text('request_hash').notNullable();
        t.text('state').notNullable();
        t.integer('response_status');
        t.jsonb('response_body');
        t.text('response_type');
        t.timestamp('locked_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
    },
  },
  {
    // Once seeded with the simulator's codes; since 005 fed from odoo.master-data only.
    name: 'order_intake_002_master_data',
    async up(db) {
      await db.schema.createTable('master_uoms', (t) => {
        t.text('code').primary();
        t.boolean('fractional').notNullable();
      });
      await db.schema.createTable('master_skus', (t) => {
        t.text('sku').primary();
        t.text('name').notNullable();
        t.text('uom').notNullable().references('master_uoms.code');
        t.boolean('substitution_allowed').notNullable();
        t.boolean('active').notNullable().defaultTo(true);
      });
      await db.schema.createTable('master_customers', (t) => {
        t.text('customer_id').primary();
        t.text('name').notNullable();
        t.text('currency').notNullable();
        t.text('street');
        t.text('city');
        t.text('postal_code');
        t.text('country_code');
        t.boolean('active').notNullable().defaultTo(true);
      });
      await db.schema.createTable('master_warehouses', (t) => {
        t.text('code').primary();
        t.text('name').notNullable();
        t.boolean('is_default').notNullable().defaultTo(false);
      });
    },
  },
  {
    // Downstream progress (shipments, invoices, payments) as followProgress folds it.
    name: 'order_intake_003_progress',
    async up(db) {
      await db.schema.alterTable('orders', (t) => {
        t.jsonb('progress');
      });
    },
  },
  masterDataFromOdoo,
  channelAliases,
  {
    // GET /orders: a channel's or a customer's orders newest first, and a channel ref's orders.
    name: 'order_intake_006_order_search',
    async up(db) {
      await db.raw(
        'create index orders_channel_created on orders (channel_code, created_at desc, order_id desc)',
      );
      await db.raw(
        'create index orders_customer_created on orders (customer_id, created_at desc, order_id desc)',
      );
      await db.raw('create index orders_channel_ref on orders (channel_code, channel_order_ref)');
      await db.raw('create index orders_created on orders (created_at desc, order_id desc)');
    },
  },
  {
    // When the order was submitted (a channel's submittedAt, or a REST request's arrival): the
    // start of o2c_order_stage_seconds. Older orders have none and fall back to created_at.
    name: 'order_intake_007_received_at',
    async up(db) {
      await db.schema.alterTable('orders', (t) => {
        t.timestamp('received_at', { useTz: true });
      });
    },
  },
  {
    // The OrderImported last published for an imported order: a refresh is compared with it.
    name: 'order_intake_008_imported_state',
    async up(db) {
      await db.schema.alterTable('orders', (t) => {
        t.jsonb('imported_state');
      });
      await db.raw(
        `update orders o set imported_state = e.data
         from (select distinct on (order_id) order_id, data from order_events
               where event_type = 'OrderImported'
               order by order_id, (data->>'importedAt')::bigint desc) e
         where e.order_id = o.order_id and o.status = 'imported'`,
      );
    },
  },
];
