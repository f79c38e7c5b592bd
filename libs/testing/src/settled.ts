import type { Db } from '@o2c/db';
import { UNPUBLISHED } from '@o2c/outbox';
import type { Kafka } from 'kafkajs';
import { groupLag } from './group-lag';
import { waitFor } from './wait-for';

export interface SettledOptions {
  kafka: Kafka;
  /** The service's consumer group and the (prefixed) topics it consumes. */
  group: string;
  inputs: string[];
  /** The service's database, whose outbox is checked. */
  db: Db;
  /** What the test has read of the service's output: every outbox row (of `topic`, if given). */
  seen: readonly unknown[];
  topic?: string;
  what: string;
}

/**
 * Waits until nothing more will happen: the service has consumed its input, published its
 * outbox, and the test has read all it published. Only then is "it did not happen twice" proven.
 */
export async function waitSettled(o: SettledOptions): Promise<void> {
  const written = o.topic === undefined ? 'count(*)' : 'count(*) filter (where topic = ?)';
  await waitFor(
    async () => {
      const lag = await groupLag(o.kafka, o.group, o.inputs);
      const [counts] = await o
        .db('outbox')
        .select<Array<{ written: number; pending: number }>>(
          o.db.raw(`${written}::int as written`, o.topic === undefined ? [] : [o.topic]),
          o.db.raw(`count(*) filter (where ${UNPUBLISHED})::int as pending`),
        );
      const { written: rows = 0, pending = 0 } = counts ?? {};
      return lag === 0 && pending === 0 && o.seen.length >= rows ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: o.what },
  );
}
