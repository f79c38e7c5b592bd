// Throughput of the consumer runtime on the local infra (prints figures; not a test):
//   npx tsx libs/inbox/test/bench-throughput.ts [events=3000] [partitions=3]
import { createTestDatabase, uniqueName, waitFor } from '@o2c/testing';
import { createConsumerRuntime } from '../src';
import {
  applyEffect,
  buildEvents,
  createTopic,
  groupLag,
  logger,
  migratedDb,
  produce,
  testClients,
  type Thing,
} from './fixtures';

const count = Number(process.argv[2] ?? 3000);
const partitions = Number(process.argv[3] ?? 3);

async function main() {
  const { kafka, serde } = testClients('inbox-bench');
  const database = await createTestDatabase('inbox_bench');
  const db = await migratedDb(database.url);
  const topic = uniqueName('inbox-bench');
  const groupId = uniqueName('g');
  await createTopic(kafka, topic, partitions);
  const events = buildEvents(count, 100);
  for (let i = 0; i < count; i += 500) await produce(kafka, serde, topic, events.slice(i, i + 500));

  const pass = async (label: string) => {
    const runtime = createConsumerRuntime<Thing>({
      kafka,
      db,
      serde,
      groupId,
      topics: [topic],
      logger,
      partitionsConcurrently: partitions,
      handler: applyEffect,
    });
    const started = performance.now();
    await runtime.start();
    await waitFor(async () => ((await groupLag(kafka, groupId, topic)) === 0 ? true : undefined), {
      timeoutMs: 300_000,
      intervalMs: 50,
    });
    const seconds = (performance.now() - started) / 1000;
    await runtime.stop();
    console.log(
      `${label}: ${count} events, ${partitions} partitions, ${seconds.toFixed(1)} s incl. group join = ${Math.round(count / seconds)} events/s`,
    );
  };
  try {
    await pass('first delivery (inbox insert + 1 effect row + attempt upsert/delete)');
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();
    await pass('replay (every event an inbox duplicate)');
  } finally {
    await db.destroy();
    await database.drop();
  }
}

void main();
