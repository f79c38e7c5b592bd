import type { Migration } from '@o2c/db';

/**
 * Inbox tables. `inbox` is the dedupe record, one row per (group, event id) written in the
 * handler's transaction. `inbox_attempts` counts started attempts per offset outside that
 * transaction, so an attempt survives a crash and a message that kills the process is seen as
 * poison. `inbox_retention` tells the replay tool how far back dedupe still protects.
 */
export const inboxMigrations: Migration[] = [
  {
    name: 'inbox_001_tables',
    async up(db) {
      await db.raw(`
        create table inbox (
          consumer_group text not null,
          event_id uuid not null,
          event_type text not null,
          topic text not null,
          partition integer not null,
          "offset" bigint not null,
          processed_at timestamptz not null default now(),
          primary key (consumer_group, event_id)
        );
        -- purge walks this index: delete where consumer_group = ? and processed_at < ?
        create index inbox_group_processed_at on inbox (consumer_group, processed_at);
        create table inbox_attempts (
          consumer_group text not null,
          topic text not null,
          partition integer not null,
          "offset" bigint not null,
          attempts integer not null,
          last_error text,
          first_attempt_at timestamptz not null default now(),
          last_attempt_at timestamptz not null default now(),
          primary key (consumer_group, topic, partition, "offset")
        );
        create table inbox_retention (
          consumer_group text primary key,
          retention_ms bigint not null,
          purged_before timestamptz,
          updated_at timestamptz not null default now()
        );
      `);
    },
    async down(db) {
      await db.raw('drop table inbox_retention; drop table inbox_attempts; drop table inbox;');
    },
  },
];
