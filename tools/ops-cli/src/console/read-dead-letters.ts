import type { Db } from '@o2c/db';
import type { OpsContext } from '../context';
import { parseDlqTopic } from '../contracts';
import { listDlqTopics, viewOf } from '../dlq/dead-letters';
import { topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import type { JobPlan } from '../replay/job';
import {
  groupByReason,
  redrivenOffsets,
  type ReasonGroup,
  type StoredLetter,
} from './pending-letters';

export interface DeadLetterTopicView {
  topic: string;
  sourceTopic: string;
  group: string;
  /** Everything the topic holds, redriven or not. */
  stored: number;
  /** Not yet sent back by a completed redrive. */
  waiting: number;
  reasons: ReasonGroup[];
}

const scanLimit = 10_000;

export interface DeadLettersView {
  topics: DeadLetterTopicView[];
  /** Topics that could not be read (e.g. deleted meanwhile): the others are still shown. */
  unreadable: { topic: string; error: string }[];
}

/** Dead-letter topics with their waiting letters grouped by reason; topics with none left out. */
export async function readDeadLetters(
  ctx: OpsContext,
  opsDb: Db,
  filter: { group?: string },
): Promise<DeadLettersView> {
  const topics = await listDlqTopics(ctx, filter);
  const view: DeadLettersView = { topics: [], unreadable: [] };
  // Four topics at a time: each read is a throw-away consumer group on the brokers.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < topics.length; i = next++) {
      const topic = topics[i]!;
      try {
        const read = await readTopic(ctx, opsDb, topic);
        if (read.waiting > 0) view.topics.push(read);
      } catch (error) {
        view.unreadable.push({ topic, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, topics.length) }, worker));
  view.topics.sort((a, b) => a.topic.localeCompare(b.topic));
  return view;
}

async function readTopic(ctx: OpsContext, opsDb: Db, topic: string): Promise<DeadLetterTopicView> {
  const { topic: sourceTopic, group } = parseDlqTopic(topic)!;
  const bounds = await topicBounds(await ctx.admin(), topic);
  const stored = bounds.reduce((sum, b) => sum + b.high - b.low, 0);
  const letters: StoredLetter[] = [];
  if (stored > 0)
    await readPartitions({
      kafka: ctx.kafka,
      topic,
      ranges: new Map(
        bounds.map((b) => [
          b.partition,
          { start: b.low, end: Math.min(b.high, b.low + scanLimit) },
        ]),
      ),
      timeoutMs: 30_000,
      onBatch: ({ partition, messages }) =>
        void letters.push(...messages.map((message) => ({ partition, message }))),
    });
  letters.sort(
    (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
  );
  const rows = await opsDb('ops_job')
    .where({ kind: 'redrive', source_topic: topic })
    .whereNotNull('completed_at')
    .orderBy('created_at')
    .select<{ plan: JobPlan }[]>('plan');
  const plans = rows.map((r) => r.plan);
  const redriven = redrivenOffsets(letters, plans);
  const now = Date.now();
  const waiting = letters
    .filter((l) => !redriven.has(`${l.partition}/${l.message.offset}`))
    .map((l) => viewOf(l.partition, l.message, now));
  return {
    topic,
    sourceTopic,
    group,
    stored,
    waiting: waiting.length,
    reasons: groupByReason(waiting),
  };
}
