import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type Outcome =
  'processed' | 'duplicate' | 'dead_lettered' | 'parked' | 'retried' | 'unavailable';

export interface RuntimeMetrics {
  count(topic: string, outcome: Outcome): void;
  observeHandler(topic: string, seconds: number): void;
  lag(topic: string, partition: number, messages: number): void;
  /** A message sent to the dead-letter topic, by why (permanent, exhausted, crashed, parked). */
  deadLettered(topic: string, reason: string): void;
}

// Several runtimes (one per group) may share a service's registry: reuse what exists.
function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** prom-client series of the consumer runtime, labelled by group and topic. */
export function createRuntimeMetrics(groupId: string, registry?: Registry): RuntimeMetrics {
  if (!registry)
    return {
      count: () => undefined,
      observeHandler: () => undefined,
      lag: () => undefined,
      deadLettered: () => undefined,
    };
  const registers = [registry];
  const messages = metric(
    registry,
    'inbox_messages_total',
    () =>
      new Counter({
        name: 'inbox_messages_total',
        help: 'Messages handled by the consumer runtime, by outcome',
        labelNames: ['group', 'topic', 'outcome'],
        registers,
      }),
  );
  const duration = metric(
    registry,
    'inbox_handler_duration_seconds',
    () =>
      new Histogram({
        name: 'inbox_handler_duration_seconds',
        help: 'Time of one processing attempt: inbox insert, handler and commit',
        labelNames: ['group', 'topic'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers,
      }),
  );
  const lag = metric(
    registry,
    'inbox_consumer_lag',
    () =>
      new Gauge({
        name: 'inbox_consumer_lag',
        help: 'Messages behind the high watermark after the last handled message',
        labelNames: ['group', 'topic', 'partition'],
        registers,
      }),
  );
  const deadLetters = metric(
    registry,
    'o2c_dead_letters_total',
    () =>
      new Counter({
        name: 'o2c_dead_letters_total',
        help: 'Messages sent to a dead-letter topic, by consumer group, topic and reason',
        labelNames: ['group', 'topic', 'reason'],
        registers,
      }),
  );
  return {
    count: (topic, outcome) => messages.inc({ group: groupId, topic, outcome }),
    deadLettered: (topic, reason) => deadLetters.inc({ group: groupId, topic, reason }),
    observeHandler: (topic, seconds) => duration.observe({ group: groupId, topic }, seconds),
    lag: (topic, partition, n) =>
      lag.set({ group: groupId, topic, partition: String(partition) }, n),
  };
}
