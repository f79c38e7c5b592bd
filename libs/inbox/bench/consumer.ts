// The consumer runtime against a plain kafkajs consumer, in the same run (prints figures; not a
// test): `npm run bench:consumer -- [--events 20000] [--partitions 3]`. The plain consumer does the
// business write alone (one row per event, offsets auto-committed); the runtime does what a
// service does: inbox dedupe, the same write and an outbox append, in one transaction per batch.
import { createOutbox, outboxMigrations } from '@o2c/outbox';
import { createTestDatabase, uniqueName } from '@o2c/testing';
import { Command } from 'commander';
import { createConsumerRuntime } from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  drained,
  logger,
  migratedDb,
  produce,
  testClients,
  thingSchema,
  type Thing,
} from '../test/fixtures';

const options = new Command()
  .option('--events <n>', 'events on the topic', '20000')
  .option('--partitions <n>', 'partitions of the topic (all consumed concurrently)', '3')
  .parse()
  .opts<{ events: string; partitions: string }>();
const count = Number(options.events);
const partitions = Number(options.partitions);

async function main() {
  const { kafka, serde } = testClients('inbox-bench');
  const database = await createTestDatabase('inbox_bench');
  const db = await migratedDb(database.url, outboxMigrations);
  const outbox = createOutbox({ serde, service: 'inbox-bench' });
  const topic = uniqueName('inbox-bench');
  await createTopic(kafka, topic, partitions);
  const events = buildEvents(count, 100);
  for (let i = 0; i < count; i += 1000)
    await produce(kafka, serde, topic, events.slice(i, i + 1000));
  const consumed = (groupId: string) =>
    drained(kafka, groupId, topic, { timeoutMs: 600_000, intervalMs: 50 });
  const report = (label: string, seconds: number) => {
    process.stdout.write(
      `${label}: ${Math.round(count / seconds).toLocaleString('en-US')} events/s (${seconds.toFixed(1)} s incl. group join)\n`,
    );
    return count / seconds;
  };

  const plain = async () => {
    const groupId = uniqueName('plain');
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const started = performance.now();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: partitions,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const values = await Promise.all(batch.messages.map((m) => serde.decode<Thing>(m.value!)));
        await db('effects').insert(
          values.map((v, i) => ({
            event_id: batch.messages[i]!.headers!['event-id']!.toString(),
            aggregate: v.id,
            n: v.n,
          })),
        );
        payload.resolveOffset(batch.lastOffset());
        await payload.heartbeat();
      },
    });
    await consumed(groupId);
    const seconds = (performance.now() - started) / 1000;
    await consumer.disconnect();
    return seconds;
  };

  const runtimePass = async (groupId: string) => {
    const runtime = createConsumerRuntime<Thing>({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      partitionsConcurrently: partitions,
      handler: async (event, ctx) => {
        await applyEffect(event, ctx);
        await outbox.append(ctx.trx, {
          topic: `${topic}.out`,
          key: event.value.id,
          eventType: 'ThingDone',
          schemaVersion: 1,
          schema: thingSchema,
          data: event.value,
          correlationId: ctx.metadata.correlationId,
          causationId: ctx.metadata.eventId,
        });
      },
    });
    const started = performance.now();
    await runtime.start();
    await consumed(groupId);
    const seconds = (performance.now() - started) / 1000;
    await runtime.stop();
    return seconds;
  };

  try {
    const raw = report('plain kafkajs consumer, the business write only', await plain());
    const groupId = uniqueName('g');
    const ours = report(
      'runtime: inbox + the write + an outbox append',
      await runtimePass(groupId),
    );
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    report('runtime, replayed (every event an inbox duplicate)', await runtimePass(groupId));
    process.stdout.write(`runtime / plain: ${(ours / raw).toFixed(2)}×\n`);
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.destroy();
    await database.drop();
  }
}

void main();
