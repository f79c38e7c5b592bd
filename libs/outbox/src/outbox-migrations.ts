import type { Migration } from '@o2c/db';

/** Postgres NOTIFY channel the relay listens on. */
export const OUTBOX_CHANNEL = 'outbox_relay';

/** `xid` of rows from before migration 005 that were not published yet. */
export const LEGACY_UNPUBLISHED = '2';

/**
 * The outbox table, the per-key sequence table and the relay's batch sequence.
 * `relay_batch` stamps rows claimed by the relay; its values come from a sequence (never reused,
 * even when cleanup empties the table) and are compared with the Kafka checkpoint on restart.
 */
export const outboxMigrations: Migration[] = [
  {
    name: 'outbox_001_tables',
    async up(db) {
      await db.raw(`
        create table outbox (
          id bigint generated always as identity primary key,
          event_id uuid not null unique,
          topic text not null,
          key text not null,
          event_type text not null,
          schema_version integer not null,
          payload bytea not null,
          headers jsonb not null,
          aggregate_sequence bigint not null,
          created_at timestamptz not null default clock_timestamp(),
          relay_batch bigint,
          published_at timestamptz
        );
        -- Unclaimed, unpublished rows in id order: the relay's claim scan.
        create index outbox_unpublished_idx on outbox (id)
          where published_at is null and relay_batch is null;
        -- Claimed but not yet marked: tiny, read on restart and when marking a batch.
        create index outbox_claimed_idx on outbox (relay_batch, id)
          where published_at is null and relay_batch is not null;
        -- Published rows by time: retention cleanup and the replay source.
        create index outbox_published_idx on outbox (published_at)
          where published_at is not null;
        create table outbox_aggregate_sequence (
          topic text not null,
          key text not null,
          last_sequence bigint not null,
          primary key (topic, key)
        );
        create sequence outbox_relay_batch_seq;
        create function outbox_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify('${OUTBOX_CHANNEL}', '');
          return null;
        end $$;
        create trigger outbox_notify_trigger after insert on outbox
          for each statement execute function outbox_notify();
      `);
    },
    async down(db) {
      await db.raw(`
        drop table if exists outbox;
        drop table if exists outbox_aggregate_sequence;
        drop sequence if exists outbox_relay_batch_seq;
        drop function if exists outbox_notify();
      `);
    },
  },
  {
    // NOTIFY takes a cluster-wide lock at commit, so notifying on every insert serialises the
    // commits of all writers. The relay only needs a wake-up when it sleeps: it raises this flag
    // before sleeping, and writers notify only while the flag is up.
    name: 'outbox_002_notify_only_sleeping_relay',
    async up(db) {
      await db.raw(`
        create table outbox_relay_state (
          id boolean primary key default true check (id),
          sleeping boolean not null
        );
        insert into outbox_relay_state (sleeping) values (true);
        create or replace function outbox_notify() returns trigger language plpgsql as $$
        begin
          if (select sleeping from outbox_relay_state) then
            perform pg_notify('${OUTBOX_CHANNEL}', '');
          end if;
          return null;
        end $$;
      `);
    },
    async down(db) {
      await db.raw(`
        create or replace function outbox_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify('${OUTBOX_CHANNEL}', '');
          return null;
        end $$;
        drop table if exists outbox_relay_state;
      `);
    },
  },
  {
    // The backlog gauges (count and oldest age of unpublished rows) filter on published_at alone:
    // neither partial index above covers that predicate, so they scanned every retained
    // (published) row. This one holds only the backlog, whatever the retention keeps.
    name: 'outbox_003_backlog_index',
    async up(db) {
      await db.raw(`create index outbox_backlog_idx on outbox (id) where published_at is null`);
    },
    async down(db) {
      await db.raw('drop index if exists outbox_backlog_idx');
    },
  },
  {
    // Rows the relay cannot publish (over the broker's message size) move here, with the later
    // rows of their key, so the relay goes on with other keys instead of failing the same batch
    // forever. The claim skips keys found here: per-key order holds. See requeueParked.
    name: 'outbox_004_parked',
    async up(db) {
      await db.raw(`
        create table outbox_parked (
          id bigint primary key,
          event_id uuid not null unique,
          topic text not null,
          key text not null,
          event_type text not null,
          schema_version integer not null,
          payload bytea not null,
          headers jsonb not null,
          aggregate_sequence bigint not null,
          created_at timestamptz not null,
          parked_at timestamptz not null default now(),
          reason text not null
        );
        create index outbox_parked_key_idx on outbox_parked (topic, key);
      `);
    },
    async down(db) {
      await db.raw('drop table if exists outbox_parked');
    },
  },
  {
    // Publication in commit order, by snapshot windows, instead of claiming and marking every row
    // (two rewrites of each ~1.3 KB row). Each row carries `xid`, its writer's transaction id. The
    // relay publishes the rows committed between two snapshots of its own (visible in the later,
    // not in the earlier one), in id order, and keeps its cursor (the two snapshots and the last
    // id sent) in Kafka with each batch, and here. Rows from before: published ones get xid 1, the
    // others 2 (real ids start at 3); the first window, '2:2:', counts only the former as
    // published. The relay's first start sorts out what a batch-numbered checkpoint shows
    // committed (settleLegacyBatches).
    name: 'outbox_005_snapshot_windows',
    async up(db) {
      await db.raw(`
        alter table outbox add column xid xid8;
        update outbox set xid = case when published_at is null
          then '${LEGACY_UNPUBLISHED}' else '1' end::xid8;
        alter table outbox alter column xid set not null;
        alter table outbox alter column xid set default pg_current_xact_id();
        create index outbox_xid_idx on outbox (xid);
        drop index if exists outbox_unpublished_idx;
        drop index if exists outbox_claimed_idx;
        drop index if exists outbox_published_idx;
        drop index if exists outbox_backlog_idx;
        create table outbox_relay_cursor (
          id boolean primary key default true check (id),
          window_no bigint not null,
          from_snapshot pg_snapshot not null,
          to_snapshot pg_snapshot not null,
          row_id bigint not null,
          updated_at timestamptz not null default now()
        );
        insert into outbox_relay_cursor (window_no, from_snapshot, to_snapshot, row_id)
          values (0, '2:2:', '2:2:', 0);
      `);
    },
    async down(db) {
      await db.raw(`
        drop table if exists outbox_relay_cursor;
        drop index if exists outbox_xid_idx;
        alter table outbox drop column if exists xid;
        create index outbox_unpublished_idx on outbox (id)
          where published_at is null and relay_batch is null;
        create index outbox_claimed_idx on outbox (relay_batch, id)
          where published_at is null and relay_batch is not null;
        create index outbox_published_idx on outbox (published_at)
          where published_at is not null;
        create index outbox_backlog_idx on outbox (id) where published_at is null;
      `);
    },
  },
];
