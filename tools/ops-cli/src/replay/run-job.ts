import { TRANSACTIONAL_RETRY, openPartitionAssigner } from '@o2c/kafka';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import type { Progress } from '../cli/progress';
import { jobCheckpointGroup, jobTransactionalId } from '../contracts';
import { committedOffsets } from '../kafka/offsets';
import { readPartitions, type OffsetRange } from '../kafka/read-partitions';
import type { JobPlan } from './job';
import { publishInTransaction } from './publish-in-transaction';
import { replayCopy, redriveCopy, type Copy } from './rewrite';
import { createSelector } from './selector';
import { chunkSizeFor, createTokenBucket } from './token-bucket';

/** Per partition progress, stored as the checkpoint's offset metadata (same transaction). */
export interface PartitionCounts {
  scanned: number;
  published: number;
  skipped: number;
}

export interface JobResult {
  id: string;
  /** True when this run continued from an earlier run's checkpoint. */
  resumed: boolean;
  published: number;
  skipped: number;
  scanned: number;
  byPartition: ({ partition: number } & PartitionCounts)[];
  elapsedMs: number;
}

export interface RunOptions {
  rate?: number;
  progress: Progress;
}

/**
 * Executes a job. Each chunk is published in a Kafka transaction that also commits the source
 * position (and counts) to the job's checkpoint group, so a run killed at any point resumes
 * where its last committed chunk ended: read_committed consumers of the target see every
 * selected message once. The stable transactional id fences (aborts) a killed run's open
 * transaction when the next run starts.
 */
export async function runJob(kafka: Kafka, plan: JobPlan, options: RunOptions): Promise<JobResult> {
  const started = performance.now();
  const checkpointGroup = jobCheckpointGroup(plan.id);
  const counts = new Map<number, PartitionCounts>();
  const ranges = new Map<number, OffsetRange>();
  // Connect (InitProducerId) BEFORE reading the checkpoint: it fences any other run of this job
  // and waits until that run's open transaction is finished, so the checkpoint read next is final,
  // and a run that is fenced later can no longer commit anything from its stale checkpoint.
  const producer = kafka.producer({
    transactionalId: jobTransactionalId(plan.id),
    idempotent: true,
    maxInFlightRequests: 1,
    retry: TRANSACTIONAL_RETRY,
    transactionTimeout: 30_000,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const admin = kafka.admin();
  let resumed = false;
  try {
    await admin.connect();
    const committed = await committedOffsets(admin, checkpointGroup, [plan.sourceTopic]);
    for (const range of plan.ranges) {
      const done = committed.find((c) => c.partition === range.partition);
      const saved = done && done.offset >= 0 ? parseCounts(done.metadata) : undefined;
      if (saved) resumed = true;
      counts.set(range.partition, saved ?? { scanned: 0, published: 0, skipped: 0 });
      ranges.set(range.partition, { start: saved ? done!.offset : range.start, end: range.end });
    }
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw error;
  } finally {
    await admin.disconnect();
  }
  const total = () => [...counts.values()].reduce((sum, c) => sum + c.published, 0);
  const budget = plan.max ?? Number.POSITIVE_INFINITY;

  const select = createSelector(plan.selector);
  if (resumed && plan.selector.dedupeOrigin) await warmUp(kafka, plan, ranges, select);
  const bucket = options.rate ? createTokenBucket(options.rate) : undefined;
  const partitions = openPartitionAssigner(kafka, { createMissing: false });
  const chunkSize = chunkSizeFor(options.rate);
  const copy = (partition: number, m: KafkaMessage): Copy => {
    const from = { topic: plan.sourceTopic, partition };
    return plan.target === null
      ? redriveCopy(plan.id, from, m)
      : replayCopy(plan.id, plan.target, from, m);
  };
  try {
    if (total() < budget)
      await readPartitions({
        kafka,
        topic: plan.sourceTopic,
        ranges,
        maxBytesPerPartition: 4 * 1_048_576,
        async onBatch({ partition, messages, next, heartbeat }) {
          const c = counts.get(partition)!;
          let i = 0;
          do {
            if (total() >= budget) return true;
            const chunk = messages.slice(i, i + chunkSize);
            i += chunk.length;
            const copies: Copy[] = [];
            let end = i >= messages.length ? next : Number(messages[i]!.offset);
            const delta = { scanned: 0, published: 0, skipped: 0 };
            for (const m of chunk) {
              if (total() + delta.published >= budget) {
                end = Number(m.offset);
                break;
              }
              delta.scanned += 1;
              if (select(m) === 'selected') {
                copies.push(copy(partition, m));
                delta.published += 1;
              } else delta.skipped += 1;
            }
            if (copies.length > 0) await bucket?.take(copies.length);
            const after = {
              scanned: c.scanned + delta.scanned,
              published: c.published + delta.published,
              skipped: c.skipped + delta.skipped,
            };
            await publishInTransaction(producer, partitions, copies, {
              group: checkpointGroup,
              topic: plan.sourceTopic,
              partition,
              offset: end,
              metadata: JSON.stringify(after),
            });
            Object.assign(c, after);
            options.progress.increment(delta.scanned);
            await heartbeat();
          } while (i < messages.length);
          return total() >= budget;
        },
      });
  } finally {
    await partitions.close();
    await producer.disconnect();
  }
  return {
    id: plan.id,
    resumed,
    published: total(),
    skipped: [...counts.values()].reduce((sum, c) => sum + c.skipped, 0),
    scanned: [...counts.values()].reduce((sum, c) => sum + c.scanned, 0),
    byPartition: [...counts].map(([partition, c]) => ({ partition, ...c })),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Feeds the part done by earlier runs to the selector, so its origin dedupe spans runs. */
async function warmUp(
  kafka: Kafka,
  plan: JobPlan,
  resumeAt: Map<number, OffsetRange>,
  select: (m: KafkaMessage) => unknown,
): Promise<void> {
  const done = new Map(
    plan.ranges.map((r) => [
      r.partition,
      { start: r.start, end: resumeAt.get(r.partition)!.start },
    ]),
  );
  await readPartitions({
    kafka,
    topic: plan.sourceTopic,
    ranges: done,
    onBatch: ({ messages }) => void messages.forEach(select),
  });
}

function parseCounts(metadata: string | null): PartitionCounts | undefined {
  if (!metadata) return { scanned: 0, published: 0, skipped: 0 };
  try {
    return JSON.parse(metadata) as PartitionCounts;
  } catch {
    return { scanned: 0, published: 0, skipped: 0 };
  }
}
