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
  {
    // Attempts count failures, not deliveries: a process killed while handling a message (deploy,
    // OOM kill, node drain) says nothing about the message. `attempts` now counts only handler
    // failures (recorded after the throw); `starts` is incremented before every run, so a start
    // that ended in neither success (row deleted) nor a recorded failure is a crash. Old rows
    // counted starts in `attempts`: they are converted as well as they can be.
    name: 'inbox_003_failures_and_starts',
    async up(db) {
      await db.raw(`
        alter table inbox_attempts add column starts integer not null default 0;
        update inbox_attempts set starts = attempts,
          attempts = case when last_error is null then 0 else greatest(attempts - 1, 0) end;
        drop function inbox_start_attempt(text, text, integer, bigint);
        create function inbox_begin_attempt(p_group text, p_topic text, p_partition integer, p_offset bigint)
        returns table (starts integer, failures integer) language plpgsql as $$
        begin
          perform set_config('synchronous_commit', 'off', true);
          return query
          insert into inbox_attempts as a (consumer_group, topic, partition, "offset", attempts, starts)
          values (p_group, p_topic, p_partition, p_offset, 0, 1)
          on conflict (consumer_group, topic, partition, "offset")
          do update set starts = a.starts + 1, last_attempt_at = now()
          returning a.starts, a.attempts;
        end $$;
      `);
    },
  },
  {
    // Per-key order across a dead letter (keepKeyOrder): a dead-lettered event blocks its key
    // (the head row, event_id = head_event_id); later events of that key are dead-lettered
    // "parked behind" it (one row each) until the head comes back through the source topic
    // (redrive) or an SRE discards it. The attempt call also answers "is this key blocked?",
    // so keeping order costs no extra round trip per message.
    name: 'inbox_004_parked_keys',
    async up(db) {
      await db.raw(`
        create table inbox_parked (
          consumer_group text not null,
          topic text not null,
          message_key text not null,
          event_id text not null,
          head_event_id text not null,
          partition integer not null,
          "offset" bigint not null,
          parked_at timestamptz not null default now(),
          primary key (consumer_group, topic, partition, "offset")
        );
        create index inbox_parked_by_key on inbox_parked (consumer_group, topic, message_key);
        create function inbox_begin_attempt(p_group text, p_topic text, p_partition integer, p_offset bigint, p_key text)
        returns table (starts integer, failures integer, blocked_by text) language sql as $$
          select a.starts, a.failures, (
            select p.head_event_id from inbox_parked p
            where p.consumer_group = p_group and p.topic = p_topic and p.message_key = p_key
              and p.event_id = p.head_event_id
            limit 1)
          from inbox_begin_attempt(p_group, p_topic, p_partition, p_offset) a
        $$;
      `);
    },
  },
  {
    // Batches (consumer-runtime, fast path): one transaction per fetched batch, and no attempt
    // row per message. Before the batch runs, one small transaction records the offset range in
    // flight (synchronous_commit off, as for attempts); the batch's own transaction deletes it.
    // A range still recorded when its offsets come again means the process died inside it:
    // that batch, like one whose offsets have attempt history or a blocked key, is handled one
    // message at a time with full crash-aware counting (the careful path).
    name: 'inbox_005_batches',
    async up(db) {
      await db.raw(`
        create table inbox_batches (
          consumer_group text not null,
          topic text not null,
          partition integer not null,
          from_offset bigint not null,
          to_offset bigint not null,
          started_at timestamptz not null default now(),
          primary key (consumer_group, topic, partition)
        );
        create function inbox_begin_batch(p_group text, p_topic text, p_partition integer,
          p_from bigint, p_to bigint, p_keys text[])
        returns boolean language plpgsql as $$
        begin
          perform set_config('synchronous_commit', 'off', true);
          if exists (select 1 from inbox_batches b
                     where b.consumer_group = p_group and b.topic = p_topic
                       and b.partition = p_partition
                       and b.from_offset <= p_to and b.to_offset >= p_from)
             or exists (select 1 from inbox_attempts a
                        where a.consumer_group = p_group and a.topic = p_topic
                          and a.partition = p_partition and a."offset" between p_from and p_to)
             or exists (select 1 from inbox_parked p
                        where p.consumer_group = p_group and p.topic = p_topic
                          and p.message_key = any(p_keys) and p.event_id = p.head_event_id) then
            delete from inbox_batches b
            where b.consumer_group = p_group and b.topic = p_topic and b.partition = p_partition;
            return true;
          end if;
          insert into inbox_batches as b (consumer_group, topic, partition, from_offset, to_offset)
          values (p_group, p_topic, p_partition, p_from, p_to)
          on conflict (consumer_group, topic, partition)
          do update set from_offset = p_from, to_offset = p_to, started_at = now();
          return false;
        end $$;
      `);
    },
  },
];
