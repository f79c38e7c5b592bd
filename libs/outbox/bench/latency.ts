import { Partitioners, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { COMPRESSION, headerValue, Headers, toHeaders, type EventMetadata } from '@o2c/kafka';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createOutbox } from '../src';
import type { PhaseTotals } from './phases';
import { percentile, sleep, type BenchEnv } from './setup';

export interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  count: number;
  /** Transactions (or sends) that failed, e.g. pool time-outs on an overloaded machine. */
  failed: number;
  phases?: PhaseTotals;
}

/** read_committed consumer recording, per event id, when it saw the event. */
async function startTimingConsumer(env: BenchEnv, topic: string, partitions = 6) {
  const received = new Map<string, number>();
  const consumer: Consumer = env.kafka.consumer({
    groupId: `bench-${topic}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let warmedUp = 0;
  await consumer.run({
    eachBatch: ({ batch }) => {
      const now = performance.now();
      for (const m of batch.messages) {
        if (m.headers?.warmup) warmedUp += 1;
        else received.set(headerValue(m.headers, Headers.eventId)!, now);
      }
      return Promise.resolve();
    },
  });
  // The clock starts once the consumer is fetching from every partition (group join takes seconds).
  const producer = env.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: partitions }, (_, partition) => ({
      partition,
      value: 'warm-up',
      headers: { warmup: '1' },
    })),
  });
  await producer.disconnect();
  while (warmedUp < partitions) await sleep(20);
  return { received, stop: () => consumer.disconnect() };
}

const summarize = (
  sent: Map<string, number>,
  received: Map<string, number>,
  failed: number,
): LatencyResult => {
  const lat = [...sent].map(([id, t]) => (received.get(id) ?? Infinity) - t).sort((a, b) => a - b);
  return {
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    max: lat[lat.length - 1]!,
    count: lat.length,
    failed,
  };
};

/**
 * Calls `send` every `tickMs` for `seconds`, without waiting for earlier calls; each resolves with
 * its event ids and the instant they became durable (commit, or send start for the raw producer).
 */
async function paced(
  seconds: number,
  tickMs: number,
  send: () => Promise<{ id: string; at: number }[]>,
): Promise<{ sent: Map<string, number>; failed: number }> {
  const sent = new Map<string, number>();
  const failed = { count: 0 };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let tick = 0; tick < (seconds * 1000) / tickMs; tick++) {
    const due = start + tick * tickMs;
    if (due > performance.now()) await sleep(due - performance.now());
    inFlight.push(
      send().then(
        (done) => done.forEach(({ id, at }) => sent.set(id, at)),
        () => void (failed.count += 1),
      ),
    );
  }
  await Promise.all(inFlight);
  return { sent, failed: failed.count };
}

const WARM_UP_SECONDS = 3;

/**
 * `send` at the pace for WARM_UP_SECONDS untimed, then for `seconds` timed; resolves once the
 * consumer has seen every timed event. Cold writers (JIT, a new topic's partitions joining the
 * first transactions) build a backlog of up to a second in their first two seconds.
 */
async function warmThenTime(
  received: Map<string, number>,
  seconds: number,
  tickMs: number,
  send: () => Promise<{ id: string; at: number }[]>,
): Promise<LatencyResult> {
  const allReceived = async (sent: Map<string, number>) => {
    for (const id of sent.keys()) while (!received.has(id)) await sleep(20);
  };
  await allReceived((await paced(WARM_UP_SECONDS, tickMs, send)).sent);
  received.clear();
  const { sent, failed } = await paced(seconds, tickMs, send);
  await allReceived(sent);
  return summarize(sent, received, failed);
}

/** Commit → consumer latency through the outbox and the relay, one event per business transaction. */
export async function relayLatency(
  env: BenchEnv,
  seconds: number,
  rate: number,
  perTrx: number,
): Promise<LatencyResult> {
  const topic = await env.newTopic('relay-lat', 6);
  const outbox = createOutbox({ serde: env.serde, service: 'bench' });
  const relay = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'relay-process.ts'),
      env.databaseUrl,
      env.brokers.join(','),
      `bench-${topic}`,
      '500',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  relay.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((r) => relay.once('exit', r));
  const measure = async () => {
    while (!output.includes('outbox relay active')) await sleep(20);
    const consumer = await startTimingConsumer(env, topic);
    let n = 0;
    const result = await warmThenTime(
      consumer.received,
      seconds,
      (1000 * perTrx) / rate,
      async () => {
        const events = Array.from({ length: perTrx }, () => env.event(topic, `order-${n++ % 500}`));
        const metas = await env.db.transaction((trx) => outbox.append(trx, events));
        const at = performance.now();
        return metas.map((m) => ({ id: m.eventId, at }));
      },
    );
    await consumer.stop();
    return result;
  };
  try {
    const result = await measure();
    relay.kill('SIGTERM');
    await exited;
    const last = output.trim().split('\n').pop() ?? '{}';
    return { ...result, ...(JSON.parse(last) as { phases?: PhaseTotals }) };
  } finally {
    relay.kill('SIGKILL');
  }
}

const envelope = (key: string): EventMetadata => ({
  eventId: randomUUID(),
  eventType: 'BenchEventHappened',
  schemaVersion: 1,
  occurredAt: Date.now(),
  correlationId: key,
  producer: 'bench',
});

/** Send → consumer latency of a plain kafkajs producer (acks=-1) at the same rate. */
export async function rawLatency(
  env: BenchEnv,
  seconds: number,
  rate: number,
  perTrx: number,
): Promise<LatencyResult> {
  const topic = await env.newTopic('raw-lat', 6);
  // Not idempotent: concurrent sends of an idempotent kafkajs producer queue behind each other
  // (maxInFlightRequests 1) and break its guarantees anyway (kafkajs#353).
  const producer = env.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const consumer = await startTimingConsumer(env, topic);
  const payload = await env.serde.encode(env.schema, env.event(topic, 'order-0').data);
  let n = 0;
  const result = await warmThenTime(
    consumer.received,
    seconds,
    (1000 * perTrx) / rate,
    async () => {
      const start = performance.now();
      const metas = Array.from({ length: perTrx }, () => {
        const key = `order-${n++ % 500}`;
        return { key, id: randomUUID(), headers: toHeaders(envelope(key)) };
      });
      await producer.send({
        topic,
        acks: -1,
        compression: COMPRESSION,
        messages: metas.map((m) => ({
          key: m.key,
          value: payload,
          headers: { ...m.headers, [Headers.eventId]: m.id },
        })),
      });
      return metas.map(({ id }) => ({ id, at: start }));
    },
  );
  await consumer.stop();
  await producer.disconnect();
  return result;
}
