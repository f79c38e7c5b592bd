// Replay throughput benchmark (not a test): npm run bench:replay
// Pre-produces ~1 KB events, replays them unthrottled, then with --rate, and prints the figures
// next to a plain (non-transactional) kafkajs producer on the same machine for scale.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { COMPRESSION, createKafka, Headers } from '@o2c/kafka';
import { Partitioners, type Kafka, type Message } from 'kafkajs';
import pino from 'pino';
import type { Progress } from '../src/cli/progress';
import { planReplay } from '../src/replay/plan-replay';
import { runJob } from '../src/replay/run-job';

const events = Number(process.env.BENCH_EVENTS ?? 50_000);
const rates = (process.env.BENCH_RATES ?? '2000,500').split(',').map(Number);
const rateSeconds = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

function buildEvents(n: number): Message[] {
  const value = Buffer.alloc(900, 'x');
  return Array.from({ length: n }, (_, i) => ({
    key: `order-${i % 5000}`,
    value,
    headers: {
      [Headers.eventId]: randomUUID(),
      [Headers.eventType]: i % 4 === 0 ? 'OrderRejected' : 'OrderAccepted',
      [Headers.occurredAt]: new Date().toISOString(),
      [Headers.producer]: 'bench',
    },
  }));
}

async function produce(kafka: Kafka, topic: string, messages: Message[]): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += 1000)
    await producer.send({ topic, compression: COMPRESSION, messages: messages.slice(i, i + 1000) });
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return messages.length / seconds;
}

/** Times of each published chunk, to measure the held rate without start-up time. */
function timedProgress(): Progress & { rate(): number } {
  const marks: [number, number][] = [];
  let total = 0;
  return {
    increment(by) {
      total += by;
      marks.push([performance.now(), total]);
    },
    stop() {},
    rate() {
      const [t0, n0] = marks[0]!;
      const [t1, n1] = marks[marks.length - 1]!;
      return ((n1 - n0) * 1000) / (t1 - t0);
    },
  };
}

async function main(): Promise<void> {
  const kafka = createKafka({ clientId: 'bench', brokers, logger: pino({ level: 'error' }) });
  const admin = kafka.admin();
  await admin.connect();
  const run = randomUUID().slice(0, 8);
  const [source, target, paced, baseline] = ['src', 'dst', 'paced', 'baseline'].map(
    (t) => `bench-${t}-${run}`,
  );
  const topics = [source!, target!, paced!, baseline!];
  await admin.createTopics({
    topics: topics.map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  try {
    const messages = buildEvents(events);
    const produceRate = await produce(kafka, source!, messages);
    const plainRate = await produce(kafka, baseline!, messages.slice(0, 20_000));
    const request = {
      topic: source!,
      from: Date.now() - 3_600_000,
      to: Date.now() + 60_000,
      keys: [],
      types: [],
      headers: [] as [string, string][],
      allowReplayed: false,
      horizon: { at: 0, source: 'bench' },
      force: false,
    };

    const fullProgress = timedProgress();
    const full = await runJob(kafka, await planReplay(admin, { ...request, target: target! }), {
      progress: fullProgress,
    });
    const rateLimited = [];
    for (const [i, rate] of rates.entries()) {
      const progress = timedProgress();
      const plan = await planReplay(admin, {
        ...request,
        target: paced!,
        max: rate * rateSeconds,
        id: `bench-${run}-${i}`,
      });
      const result = await runJob(kafka, plan, { rate, progress });
      const held = progress.rate();
      rateLimited.push({
        requested: rate,
        published: result.published,
        seconds: result.elapsedMs / 1000,
        measuredRate: Math.round(held),
        errorPercent: Number((((held - rate) / rate) * 100).toFixed(2)),
        target: '±5 %',
      });
    }

    const figures = {
      machine: { cpus: 'shared', loadavg1m: Number(loadavg()[0]!.toFixed(2)) },
      events,
      preProduceEventsPerSecond: Math.round(produceRate),
      plainKafkajsProducerEventsPerSecond: Math.round(plainRate),
      unthrottled: {
        published: full.published,
        seconds: full.elapsedMs / 1000,
        eventsPerSecond: Math.round((full.published * 1000) / full.elapsedMs),
        steadyEventsPerSecond: Math.round(fullProgress.rate()),
        target: 20_000,
      },
      rateLimited,
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
