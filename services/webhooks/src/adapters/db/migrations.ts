import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';

/** The inbox, then the subscriptions, the order facts filters need, deliveries and attempts. */
export const migrations: readonly Migration[] = [
  ...inboxMigrations,
  {
    name: 'webhooks_001_tables',
    async up(db) {
      await db.raw(`
        create table webhook_orders (
          order_id text primary key,
          channel text not null,
          customer_id text
        );
        create table webhook_subscriptions (
          id uuid primary key,
          url text not null,
          event_types text[] not null,
          filter jsonb not null default '{}',
          description text,
          status text not null default 'active' check (status in ('active', 'disabled')),
          consecutive_failures integer not null default 0,
          disabled_reason text,
          disabled_at timestamptz,
          secret text not null,
          previous_secret text,
          previous_secret_expires_at timestamptz,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          deleted_at timestamptz
        );
        -- One row per (subscription, event): created in the consuming transaction, so a crash
        -- neither loses nor doubles it. seq orders one order's deliveries.
        create table webhook_deliveries (
          seq bigint generated always as identity primary key,
          id uuid not null unique,
          subscription_id uuid not null references webhook_subscriptions,
          event_id uuid not null,
          event_type text not null,
          order_id text not null,
          body text not null,
          status text not null default 'pending'
            check (status in ('pending', 'delivered', 'failed', 'cancelled')),
          attempts integer not null default 0,
          -- attempts when last requeued: the retry schedule starts over from there
          round_start integer not null default 0,
          next_attempt_at timestamptz not null default now(),
          last_error text,
          created_at timestamptz not null default now(),
          delivered_at timestamptz,
          unique (subscription_id, event_id)
        );
        create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at)
          where status = 'pending';
        create index webhook_deliveries_order_idx on webhook_deliveries (subscription_id, order_id, seq)
          where status = 'pending';
        create index webhook_deliveries_created_idx on webhook_deliveries (subscription_id, created_at);
        create table webhook_attempts (
          delivery_id uuid not null references webhook_deliveries (id),
          attempt integer not null,
          started_at timestamptz not null,
          duration_ms integer not null,
          status_code integer,
          error text,
          outcome text not null check (outcome in ('delivered', 'failed')),
          primary key (delivery_id, attempt)
        );
      `);
    },
    async down(db) {
      await db.raw(`
        drop table if exists webhook_attempts;
        drop table if exists webhook_deliveries;
        drop table if exists webhook_subscriptions;
        drop table if exists webhook_orders;
      `);
    },
  },
];
