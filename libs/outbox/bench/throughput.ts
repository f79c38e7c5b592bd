import { COMPRESSION } from '@o2c/kafka';
import { Partitioners, type Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { createOutbox, createOutboxRelay } from '../src';
import { phaseTotals, type PhaseTotals } from './phases';
import { sleep, type BenchEnv } from './setup';

export interface ThroughputResult {
  eventsPerSecond: number;
  /** Seconds per phase summed over all batches (relay only). */
  phases?: PhaseTotals;
  bytesPerEvent: number;
}

/** Appends `total` events (not timed), then times the relay draining them. */
export async function relayThroughput(
  env: BenchEnv,
  total: number,
  batchSize: number,
): Promise<ThroughputResult & { insertPerSecond: number }> {
  const topic = await env.newTopic('relay', 6);
  const outbox = createOutbox({ serde: env.serde, service: 'bench' });
  const insertStart = performance.now();
  const perTrx = 500;
  const chunks = Array.from({ length: total / perTrx }, (_, i) => i);
  for (let i = 0; i < chunks.length; i += 4) {
    await Promise.all(
      chunks.slice(i, i + 4).map((c) =>
        env.db.transaction((trx) =>
          outbox.append(
            trx,
            Array.from({ length: perTrx }, (_, j) =>
              env.event(topic, `order-${(c * perTrx + j) % 5000}`),
            ),
          ),
        ),
      ),
    );
  }
  const insertPerSecond = total / ((performance.now() - insertStart) / 1000);
  const { rows: sizes } = await env.db.raw<{ rows: Array<{ bytes: string }> }>(
    'select avg(octet_length(payload)) as bytes from outbox',
  );
  const bytes = sizes[0]?.bytes;

  const metrics = new Registry();
  const relay = createOutboxRelay({
    db: env.db,
    kafka: env.kafka,
    service: `bench-${topic}`,
    logger: env.logger,
    metrics,
    batchSize,
    pollIntervalMs: 100,
  });
  const published = async () =>
    (await metrics.getSingleMetric('outbox_published_total')?.get())?.values[0]?.value ?? 0;
  relay.start();
  while ((await published()) === 0) await sleep(2);
  const start = performance.now();
  const first = await published();
  while ((await published()) < total) await sleep(5);
  const seconds = (performance.now() - start) / 1000;
  await relay.stop();
  const phases = await phaseTotals(metrics);
  return {
    eventsPerSecond: (total - first) / seconds,
    phases,
    insertPerSecond,
    bytesPerEvent: Number(bytes),
  };
}

/** The same rows sent by a plain idempotent kafkajs producer (acks=-1), batch by batch. */
export async function rawThroughput(
  env: BenchEnv,
  total: number,
  batchSize: number,
): Promise<ThroughputResult> {
  const topic = await env.newTopic('raw', 6);
  const rows = (await env
    .db('outbox')
    .select('key', 'payload', 'headers')
    .orderBy('id')
    .limit(total)) as Array<{
    key: string;
    payload: Buffer;
    headers: Record<string, string>;
  }>;
  const messages: Message[] = rows.map((r) => ({
    key: r.key,
    value: r.payload,
    headers: r.headers,
  }));
  const producer = env.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const start = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) {
    await producer.send({
      topic,
      acks: -1,
      compression: COMPRESSION,
      messages: messages.slice(i, i + batchSize),
    });
  }
  const seconds = (performance.now() - start) / 1000;
  await producer.disconnect();
  return { eventsPerSecond: messages.length / seconds, bytesPerEvent: 0 };
}
