import { TRANSACTIONAL_RETRY, openPartitionAssigner } from '@o2c/kafka';
import { readPublishedEvents, type PublishedEvent } from '@o2c/outbox';
import type { Db } from '@o2c/db';
import { Partitioners, type Kafka } from 'kafkajs';
import type { Copy } from '../replay/rewrite';
import type { Progress } from '../cli/progress';
import { jobCheckpointGroup, jobTransactionalId, ReplayHeaders } from '../contracts';
import { committedOffsets } from '../kafka/offsets';
import { publishInTransaction } from '../replay/publish-in-transaction';
import { chunkSizeFor, createTokenBucket } from '../replay/token-bucket';
import type { OutboxPlan } from './plan-outbox';

interface Cursor {
  id: string;
  published: number;
}

export interface OutboxResult {
  id: string;
  resumed: boolean;
  published: number;
  byTopic: Record<string, number>;
  elapsedMs: number;
}

/** The Kafka copy of a published outbox row: its own key, Avro bytes and envelope headers. */
export function outboxCopy(plan: OutboxPlan, row: PublishedEvent): Copy {
  return {
    topic: plan.target ?? row.topic,
    message: {
      key: row.key,
      value: row.payload,
      headers: {
        ...row.headers,
        [ReplayHeaders.replayId]: plan.id,
        [ReplayHeaders.origin]: `outbox:${plan.service}/${row.id}`,
        [ReplayHeaders.count]: '1',
      },
    },
  };
}

/** Pages through the rows in publication order; each page is one transaction with its cursor. */
export async function runOutboxReplay(
  kafka: Kafka,
  db: Db,
  plan: OutboxPlan,
  options: { rate?: number; progress: Progress },
): Promise<OutboxResult> {
  const started = performance.now();
  const group = jobCheckpointGroup(plan.id);
  // Connect (InitProducerId, which fences any other run of this job) BEFORE reading the cursor:
  // see runJob.
  const producer = kafka.producer({
    transactionalId: jobTransactionalId(plan.id),
    idempotent: true,
    maxInFlightRequests: 1,
    retry: TRANSACTIONAL_RETRY,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const admin = kafka.admin();
  const saved = await admin
    .connect()
    .then(() => committedOffsets(admin, group, [plan.anchor]))
    .then((offsets) => offsets.find((c) => c.partition === 0))
    .catch(async (error: unknown) => {
      await producer.disconnect().catch(() => undefined);
      throw error;
    })
    .finally(() => admin.disconnect());
  let cursor: Cursor | undefined = saved?.metadata
    ? (JSON.parse(saved.metadata) as Cursor)
    : undefined;
  const resumed = cursor !== undefined;
  let published = cursor?.published ?? 0;
  const byTopic: Record<string, number> = {};
  const bucket = options.rate ? createTokenBucket(options.rate) : undefined;
  const partitions = openPartitionAssigner(kafka, { createMissing: false });
  const pageSize = Math.min(500, chunkSizeFor(options.rate));
  const budget = plan.max ?? Number.POSITIVE_INFINITY;
  try {
    while (published < budget) {
      const rows = await readPublishedEvents(db, {
        from: new Date(plan.from),
        to: new Date(plan.to),
        ...(plan.topic ? { topic: plan.topic } : {}),
        ...(plan.eventType ? { eventType: plan.eventType } : {}),
        ...(cursor ? { after: cursor } : {}),
        limit: Math.min(pageSize, budget - published),
      });
      if (rows.length === 0) break;
      await bucket?.take(rows.length);
      const last = rows[rows.length - 1]!;
      const next: Cursor = {
        id: last.id,
        published: published + rows.length,
      };
      const copies = rows.map((row) => outboxCopy(plan, row));
      await publishInTransaction(producer, partitions, copies, {
        group,
        topic: plan.anchor,
        partition: 0,
        offset: next.published,
        metadata: JSON.stringify(next),
      });
      for (const c of copies) byTopic[c.topic] = (byTopic[c.topic] ?? 0) + 1;
      cursor = next;
      published = next.published;
      options.progress.increment(rows.length);
    }
  } finally {
    await partitions.close();
    await producer.disconnect();
  }
  return {
    id: plan.id,
    resumed,
    published,
    byTopic,
    elapsedMs: Math.round(performance.now() - started),
  };
}
