import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The relay's Prometheus series (a private registry when the service gives none). */
export function createRelayMetrics(registry: Registry = new Registry()) {
  const registers = [registry];
  return {
    backlog: new Gauge({
      name: 'outbox_backlog_rows',
      help: 'Outbox rows not yet published',
      registers,
    }),
    oldestAge: new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      registers,
    }),
    parked: new Gauge({
      name: 'outbox_parked_rows',
      help: 'Outbox rows parked (too large to publish, or behind such a row of their key)',
      registers,
    }),
    publishLag: new Histogram({
      name: 'outbox_publish_lag_seconds',
      help: 'From the outbox insert to the committed Kafka transaction that carried it',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    published: new Counter({
      name: 'outbox_published_total',
      help: 'Outbox rows published in committed Kafka transactions',
      registers,
    }),
    phase: new Histogram({
      name: 'outbox_relay_phase_seconds',
      help: 'Time per relay batch: read (DB, saves the previous cursor too), publish (Kafka transaction)',
      labelNames: ['phase'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    errors: new Counter({
      name: 'outbox_relay_errors_total',
      help: 'Relay failures (each one makes the relay reconnect and recover)',
      registers,
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;
