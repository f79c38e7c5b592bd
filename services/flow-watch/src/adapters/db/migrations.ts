import type { Migration } from '@o2c/db';
import { inboxMigrations } from '@o2c/inbox';
import { outboxMigrations } from '@o2c/outbox';

/** This service's schema, in order: the shared outbox and inbox, then flow-watch's own tables. */
export const migrations: readonly Migration[] = [
  ...outboxMigrations,
  ...inboxMigrations,
  {
    name: 'flow_watch_001_tables',
    async up(db) {
      await db.raw(`
        -- the receipt time of each order, for the stage latencies of its later events
        create table orders (
          order_id text primary key,
          channel text not null,
          received_at timestamptz not null
        );
        create index orders_received on orders (received_at);
        -- every series and subject ever seen, with its detection state (domain/detect.ts)
        create table subjects (
          series text not null,
          subject text not null,
          first_bucket timestamptz not null,
          last_window_end timestamptz,
          streak integer not null default 0,
          streak_direction text,
          open_direction text,
          primary key (series, subject)
        );
        -- events (counts) or samples (latencies) per bucket
        create table flow_counts (
          series text not null,
          subject text not null,
          bucket_start timestamptz not null,
          n bigint not null,
          primary key (series, subject, bucket_start)
        );
        -- latency samples per bucket and log-scale bin (domain/histogram.ts)
        create table flow_bins (
          series text not null,
          subject text not null,
          bucket_start timestamptz not null,
          bin smallint not null,
          n bigint not null,
          primary key (series, subject, bucket_start, bin)
        );
        create table anomalies (
          anomaly_id uuid primary key,
          series text not null,
          subject text not null,
          direction text not null,
          observed double precision not null,
          expected double precision not null,
          lower_bound double precision not null,
          upper_bound double precision not null,
          baseline text not null,
          reference_windows integer not null,
          window_start timestamptz not null,
          window_end timestamptz not null,
          explanation text not null,
          detected_at timestamptz not null,
          cleared_at timestamptz,
          cleared_observed double precision
        );
        -- one open anomaly per series and subject
        create unique index anomalies_open on anomalies (series, subject) where cleared_at is null;
        create index anomalies_detected on anomalies (detected_at);
        -- end offsets of the dead-letter topics last read; the row ('', -1) marks the first read
        create table dlq_offsets (
          topic text not null,
          partition integer not null,
          high bigint not null,
          primary key (topic, partition)
        );
      `);
    },
  },
];
