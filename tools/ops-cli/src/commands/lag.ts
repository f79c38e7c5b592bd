import type { Admin } from 'kafkajs';
import type { OpsContext } from '../context';
import { readerGroupPrefix } from '../contracts';
import {
  committedOffsets,
  describeGroup,
  topicBounds,
  type PartitionBounds,
} from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** -1 when the group never committed on this partition. */
  committed: number;
  logEnd: number;
  /** Messages not yet consumed: log-end − committed (log-end − log-start when nothing committed). */
  lag: number;
  /** now − timestamp of the oldest unconsumed message; 0 when caught up, null when unreadable. */
  lagSeconds: number | null;
}

export interface GroupLag {
  groupId: string;
  state: string;
  members: number;
  totalLag: number;
  maxLagSeconds: number | null;
  partitions: PartitionLag[];
}

/** Lag of one consumer group on every topic it has committed offsets for. */
export async function groupLag(
  ctx: OpsContext,
  groupId: string,
  now = Date.now(),
): Promise<GroupLag> {
  const admin = await ctx.admin();
  const [{ assignedTopics, ...state }, committedOnes] = await Promise.all([
    describeGroup(admin, groupId),
    committedOffsets(admin, groupId),
  ]);
  // A topic its members consume but never committed on (stuck on its first message) lags too.
  const uncommitted = assignedTopics.filter((t) => !committedOnes.some((c) => c.topic === t));
  const committed = uncommitted.length
    ? [...committedOnes, ...(await committedOffsets(admin, groupId, uncommitted))]
    : committedOnes;
  const topics = [...new Set(committed.map((c) => c.topic))].sort();
  // Topics at once: a lagging partition whose tail holds no readable message (only transaction
  // markers) waits out the reader's timeout.
  const perTopic = await Promise.all(
    topics.map(async (topic) => {
      const bounds = new Map((await topicBounds(admin, topic)).map((b) => [b.partition, b]));
      const rows = committed
        .filter((c) => c.topic === topic)
        .map((c) => toLag(topic, c.partition, c.offset, bounds.get(c.partition)))
        .sort((a, b) => a.partition - b.partition);
      await fillLagSeconds(ctx, topic, rows, now);
      return rows;
    }),
  );
  const partitions = perTopic.flat();
  const seconds = partitions.map((p) => p.lagSeconds);
  return {
    ...state,
    totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
    maxLagSeconds: seconds.includes(null) ? null : Math.max(0, ...(seconds as number[])),
    partitions,
  };
}

function toLag(
  topic: string,
  partition: number,
  committed: number,
  bounds: PartitionBounds | undefined,
): PartitionLag {
  const logEnd = bounds?.high ?? 0;
  const from = committed >= 0 ? Math.max(committed, bounds?.low ?? 0) : (bounds?.low ?? 0);
  return { topic, partition, committed, logEnd, lag: Math.max(0, logEnd - from), lagSeconds: 0 };
}

/** Reads the first unconsumed message of each lagging partition for its timestamp. */
async function fillLagSeconds(
  ctx: OpsContext,
  topic: string,
  rows: PartitionLag[],
  now: number,
): Promise<void> {
  const lagging = rows.filter((r) => r.lag > 0);
  if (lagging.length === 0) return;
  const ranges = new Map(
    lagging.map((r) => [r.partition, { start: r.logEnd - r.lag, end: r.logEnd }] as const),
  );
  const oldest = new Map<number, number>();
  await readPartitions({
    kafka: ctx.kafka,
    topic,
    ranges,
    timeoutMs: 10_000,
    maxBytesPerPartition: 64 * 1024,
    onBatch({ partition, messages }) {
      const first = messages[0];
      if (first && !oldest.has(partition)) oldest.set(partition, Number(first.timestamp));
      return oldest.has(partition);
    },
  });
  for (const row of lagging) {
    const ts = oldest.get(row.partition);
    row.lagSeconds = ts === undefined ? null : Math.max(0, Math.round((now - ts) / 100) / 10);
  }
}

/** Consumer groups, without this tool's own reader groups. */
export async function listGroupIds(admin: Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups
    .map((g) => g.groupId)
    .filter((id) => !id.startsWith(readerGroupPrefix))
    .sort();
}
