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
  {
    // The attempt counter is its own tiny transaction per message. Making it skip the WAL flush
    // wait (synchronous_commit off, for this transaction only) removes an fsync per message: a
    // consumer crash cannot lose it (Postgres still has it); only a Postgres crash can lose the
    // last few counts, which at worst grants a poison message one more attempt.
    name: 'inbox_002_start_attempt_function',
    async up(db) {
      await db.raw(`
        create function inbox_start_attempt(p_group text, p_topic text, p_partition integer, p_offset bigint)
        returns integer language plpgsql as $$
        declare n integer;
        begin
          perform set_config('synchronous_commit', 'off', true);
          insert into inbox_attempts as a (consumer_group, topic, partition, "offset", attempts)
          values (p_group, p_topic, p_partition, p_offset, 1)
          on conflict (consumer_group, topic, partition, "offset")
          do update set attempts = a.attempts + 1, last_attempt_at = now()
          returning a.attempts into n;
          return n;
        end $$;
      `);
    },
    async down(db) {
      await db.raw('drop function inbox_start_attempt(text, text, integer, bigint)');
    },
  },
];
