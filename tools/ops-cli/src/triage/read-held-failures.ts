import { topicCatalogue, type TopicName } from '@o2c/contracts';
import { eventIdOf, eventTypeOf } from '@o2c/kafka';
import { Client } from 'pg';
import { SERVICES } from '../config';
import type { OpsContext } from '../context';
import { topicBounds } from '../kafka/offsets';
import { readPartitions } from '../kafka/read-partitions';
import { odooCallOf } from './failure-fields';
import type { Failure } from './types';

/** A partition head that failed and waits for its next attempt (libs/inbox `inbox_attempts`). */
interface HeldHead {
  group: string;
  topic: string;
  partition: number;
  offset: number;
  lastError: string;
  since: number;
}

/** At most this many held messages are read per partition (the count stays exact). */
const READ_LIMIT = 500;

/**
 * Work the services hold rather than dead-letter: a handler failed with a retryable error (Odoo or
 * a carrier down, a timeout) and the runtime keeps its partition's head for the next attempt, so
 * every message behind it waits too. One failure per held message, carrying the head's error: an
 * outage that dead-letters nothing still shows as the orders it holds up.
 */
export async function readHeldFailures(
  ctx: OpsContext,
  topicPrefix: string,
): Promise<{ failures: Failure[]; warnings: string[] }> {
  const failures: Failure[] = [];
  const warnings: string[] = [];
  for (const service of SERVICES) {
    let heads: HeldHead[];
    try {
      heads = await readHeads(ctx.config.serviceDatabaseUrls[service], topicPrefix);
    } catch (error) {
      warnings.push(`${service} database: ${(error as Error).message}`);
      continue;
    }
    for (const head of heads) {
      try {
        failures.push(...(await heldBehind(ctx, service, head, topicPrefix)));
      } catch (error) {
        warnings.push(`${head.topic}/${head.partition}: ${(error as Error).message}`);
      }
    }
  }
  return { failures, warnings };
}

async function readHeads(url: string, topicPrefix: string): Promise<HeldHead[]> {
  const client = new Client({ connectionString: url, application_name: 'o2c-ops' });
  await client.connect();
  try {
    const exists = await client.query(`select to_regclass('inbox_attempts') is not null as ok`);
    if (!(exists.rows[0] as { ok: boolean }).ok) return [];
    const { rows } = await client.query<{
      consumer_group: string;
      topic: string;
      partition: number;
      offset: string;
      last_error: string;
      first_attempt_at: Date;
    }>(
      `select consumer_group, topic, partition, "offset", last_error, first_attempt_at
         from inbox_attempts
        where last_error is not null and topic like $1 || '%'
        order by topic, partition, "offset"`,
      [topicPrefix],
    );
    return rows.map((r) => ({
      group: r.consumer_group,
      topic: r.topic,
      partition: r.partition,
      offset: Number(r.offset),
      lastError: r.last_error,
      since: r.first_attempt_at.getTime(),
    }));
  } finally {
    await client.end();
  }
}

async function heldBehind(
  ctx: OpsContext,
  service: string,
  head: HeldHead,
  topicPrefix: string,
): Promise<Failure[]> {
  const bounds = await topicBounds(await ctx.admin(), head.topic);
  const high = bounds.find((b) => b.partition === head.partition)?.high ?? head.offset + 1;
  const end = Math.min(high, head.offset + READ_LIMIT);
  const topic = head.topic.slice(topicPrefix.length);
  const orderKeyed = topicCatalogue[topic as TopicName]?.key === 'orderId';
  const [errorClass, ...rest] = head.lastError.split(': ');
  const message = rest.length ? rest.join(': ') : head.lastError;
  const odoo = odooCallOf(message);
  const failures: Failure[] = [];
  let headType: string | null = null;
  await readPartitions({
    kafka: ctx.kafka,
    topic: head.topic,
    ranges: new Map([[head.partition, { start: head.offset, end }]]),
    timeoutMs: 30_000,
    onBatch: ({ messages }) => {
      for (const m of messages) {
        headType ??= eventTypeOf(m.headers) ?? null;
        failures.push({
          source: 'held',
          service,
          topic,
          // The head's type: what fails; the messages behind it only wait.
          eventType: headType,
          errorClass: errorClass ?? null,
          message,
          odooModel: odoo.model,
          odooMethod: odoo.method,
          channel: null,
          orderId: orderKeyed ? (m.key?.toString() ?? null) : null,
          eventId: eventIdOf(m.headers) ?? null,
          at: Math.max(head.since, Number(m.timestamp)),
          ref: `held:${head.group}/${head.topic}/${head.partition}/${m.offset}`,
          dlqTopic: null,
          group: head.group,
          retryable: true,
        });
      }
    },
  });
  // Messages past the read limit still count: placeholders of the head's failure.
  const sample = failures[0];
  for (let offset = end; sample && offset < high; offset++)
    failures.push({
      ...sample,
      orderId: null,
      eventId: null,
      ref: `held:${head.group}/${head.topic}/${head.partition}/${offset}`,
    });
  return failures;
}
