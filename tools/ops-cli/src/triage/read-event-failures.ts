import {
  createAvroSerde,
  createSchemaRegistry,
  decodeMessage,
  eventIdOf,
  eventTypeOf,
} from '@o2c/kafka';
import type { OpsContext } from '../context';
import { offsetsForTime, topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import { failureEvents, failuresOfEvent, type FailureEventType } from './failure-fields';
import type { Failure } from './types';
import type { Window } from './read-letter-failures';

/**
 * The failure events (OdooSyncFailed, OrderExceptionRaised, FulfillmentFailed,
 * PurchaseExceptionRaised, OrderRejected) written in the window: each topic read from the offset
 * of the window's start to that of its end, only the failure types decoded (Avro via the registry).
 */
export async function readEventFailures(
  ctx: OpsContext,
  registryUrl: string,
  window: Window,
  topicPrefix: string,
): Promise<{ failures: Failure[]; warnings: string[] }> {
  const serde = createAvroSerde(createSchemaRegistry(registryUrl, 'o2c-ops'));
  const byTopic = new Map<string, Set<string>>();
  for (const [type, topic] of Object.entries(failureEvents))
    byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(type));
  const failures: Failure[] = [];
  const warnings: string[] = [];
  for (const [topic, types] of byTopic) {
    try {
      failures.push(
        ...(await readTopic(ctx, serde, topicPrefix + topic, types, window, warnings)).map((f) => ({
          ...f,
          topic,
        })),
      );
    } catch (error) {
      warnings.push(`${topic}: ${(error as Error).message}`);
    }
  }
  return { failures, warnings };
}

async function readTopic(
  ctx: OpsContext,
  serde: ReturnType<typeof createAvroSerde>,
  topic: string,
  types: ReadonlySet<string>,
  window: Window,
  warnings: string[],
): Promise<Failure[]> {
  const admin = await ctx.admin();
  if (!(await admin.listTopics()).includes(topic)) return [];
  const bounds = await topicBounds(admin, topic);
  const starts = await offsetsForTime(admin, topic, window.fromMs);
  const ends = await offsetsForTime(admin, topic, window.toMs);
  const ranges = new Map(
    bounds.map((b) => {
      const start = Math.max(b.low, starts.get(b.partition) ?? b.high);
      return [
        b.partition,
        { start, end: Math.min(b.high, ends.get(b.partition) ?? b.high) },
      ] as const;
    }),
  );
  const out: Failure[] = [];
  let undecodable = 0;
  await readPartitions({
    kafka: ctx.kafka,
    topic,
    ranges,
    timeoutMs: 60_000,
    onBatch: async ({ partition, messages }) => {
      for (const message of messages) {
        const type = eventTypeOf(message.headers);
        if (type === undefined || !types.has(type)) continue;
        const decoded = await decodeMessage(serde, topic, partition, message);
        if (!decoded.ok) {
          undecodable += 1;
          continue;
        }
        out.push(
          ...failuresOfEvent(type as FailureEventType, decoded.value, {
            topic,
            partition,
            offset: message.offset,
            eventId: eventIdOf(message.headers) ?? null,
          }),
        );
      }
    },
  });
  if (undecodable > 0)
    warnings.push(`${topic}: ${undecodable} failure events could not be decoded`);
  return out.filter((f) => f.at >= window.fromMs && f.at < window.toMs);
}
