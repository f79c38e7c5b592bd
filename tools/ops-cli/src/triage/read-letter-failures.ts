import type { Db } from '@o2c/db';
import { topicContractOf, type TopicName, topicCatalogue } from '@o2c/contracts';
import { eventIdOf, eventTypeOf, headerValue } from '@o2c/kafka';
import { createProgress } from '../cli/progress';
import type { OpsContext } from '../context';
import { DlqHeaders, parseDlqTopic, RedriveHeaders } from '../contracts';
import { redrivenOffsets, type StoredLetter } from '../console/pending-letters';
import { listDlqTopics } from '../dlq/dead-letters';
import { offsetsForTime, topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import type { JobPlan } from '../replay/job';
import { failedAt } from '../replay/selector';
import { odooCallOf } from './failure-fields';
import type { Failure } from './types';

export interface Window {
  fromMs: number;
  toMs: number;
}

/** Letters given up on: `dlq discard` heads (by event id) and `triage act` DISCARD refs. */
export interface Discarded {
  eventIds: Map<string, Set<string>>;
  refs: Set<string>;
}

/** The open dead letters (not redriven by a completed redrive, not discarded) that failed in the window. */
export async function readLetterFailures(
  ctx: OpsContext,
  opsDb: Db,
  window: Window,
  discarded: Discarded,
  filter: { topic?: string; topicPrefix: string },
): Promise<{ failures: Failure[]; warnings: string[] }> {
  const prefix = filter.topicPrefix;
  const topics = (
    await listDlqTopics(ctx, filter.topic !== undefined ? { topic: prefix + filter.topic } : {})
  ).filter((name) => name.startsWith(prefix));
  const failures: Failure[] = [];
  const warnings: string[] = [];
  const progress = createProgress('dead-letter topics', topics.length, ctx.progress);
  let next = 0;
  // Four topics at a time, as the console reads them.
  const worker = async () => {
    for (let i = next++; i < topics.length; i = next++) {
      const topic = topics[i]!;
      try {
        failures.push(...(await readTopic(ctx, opsDb, topic, window, discarded, prefix)));
      } catch (error) {
        warnings.push(`${topic}: ${(error as Error).message}`);
      }
      progress.increment(1);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(4, topics.length) }, worker));
  } finally {
    progress.stop();
  }
  return { failures, warnings };
}

async function readTopic(
  ctx: OpsContext,
  opsDb: Db,
  topic: string,
  window: Window,
  discarded: Discarded,
  prefix: string,
): Promise<Failure[]> {
  const admin = await ctx.admin();
  const bounds = await topicBounds(admin, topic);
  if (bounds.every((b) => b.high <= b.low)) return [];
  const rows = await opsDb('ops_job')
    .where({ kind: 'redrive', source_topic: topic })
    .whereNotNull('completed_at')
    .orderBy('created_at')
    .select<{ plan: JobPlan }[]>('plan');
  const plans = rows.map((r) => r.plan);
  // A letter is written after it failed: from the window's start, or where a completed redrive
  // that reaches into the window began reading (its selector must see what it saw).
  const starts = await offsetsForTime(admin, topic, window.fromMs);
  const ranges = new Map(
    bounds.map((b) => {
      let start = Math.max(b.low, starts.get(b.partition) ?? b.high);
      for (const plan of plans)
        for (const r of plan.ranges)
          if (r.partition === b.partition && r.end > start)
            start = Math.max(b.low, Math.min(start, r.start));
      return [b.partition, { start, end: b.high }] as const;
    }),
  );
  const letters: StoredLetter[] = [];
  await readPartitions({
    kafka: ctx.kafka,
    topic,
    ranges,
    timeoutMs: 60_000,
    onBatch: ({ partition, messages }) =>
      void letters.push(...messages.map((message) => ({ partition, message }))),
  });
  letters.sort(
    (a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset),
  );
  const redriven = redrivenOffsets(letters, plans);
  // With TOPIC_PREFIX, the services prefix their topics and consumer groups alike.
  const parsed = parseDlqTopic(topic)!;
  const origin = parsed.topic.slice(prefix.length);
  const group = parsed.group.startsWith(prefix) ? parsed.group.slice(prefix.length) : parsed.group;
  const heads = discarded.eventIds.get(topic) ?? new Set<string>();
  const out: Failure[] = [];
  for (const { partition, message } of letters) {
    const h = (name: string) => headerValue(message.headers, name) ?? null;
    const ref = `dlq:${topic}/${partition}/${message.offset}`;
    const eventId = eventIdOf(message.headers) ?? null;
    const at = failedAt(message);
    if (at < window.fromMs || at >= window.toMs) continue;
    if (redriven.has(`${partition}/${message.offset}`) || discarded.refs.has(ref)) continue;
    if (eventId !== null && heads.has(eventId)) continue;
    // Parked letters were never tried: they wait behind their head and go back with it.
    if (h(DlqHeaders.reason) === 'parked') continue;
    const errorClass = h(DlqHeaders.errorClass);
    const code = h(DlqHeaders.errorCode);
    const text = h(DlqHeaders.errorMessage) ?? '';
    const call = odooCallOf(text);
    const key = message.key?.toString() ?? null;
    out.push({
      source: 'dead-letter',
      service: group.split('.')[0]!,
      topic: origin,
      eventType: eventTypeOf(message.headers) ?? null,
      errorClass: code ?? errorClass,
      message: text,
      odooModel: call.model,
      odooMethod: call.method,
      channel: null,
      orderId: key !== null && keyIsOrderId(origin) ? key : null,
      eventId,
      at,
      ref,
      dlqTopic: topic,
      group,
      retryable: h(DlqHeaders.reason) === 'permanent' ? false : null,
      letterErrorClass: errorClass,
      letterErrorCode: code,
      redriveId: h(RedriveHeaders.redriveId),
    });
  }
  return out;
}

const keyIsOrderId = (topic: string) =>
  topic in topicCatalogue && topicContractOf(topic as TopicName).key === 'orderId';
