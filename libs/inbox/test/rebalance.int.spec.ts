import type { Db } from '@o2c/db';
import {
  createTestDatabase,
  uniqueName,
  waitFor,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import {
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  migratedDb,
  produce,
  testClients,
  type TestEvent,
} from './fixtures';
import { commitLines, startConsumerProcess, stopProcess } from './process-helpers';

describe('two consumer processes and rebalances under load', () => {
  const { kafka, serde } = testClients('inbox-rebalance-test');
  let database: TestDatabase;
  let db: Db;
  const procs: SpawnedProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_rebalance');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(procs.map(stopProcess));
    await db.destroy();
    await database.drop();
  });

  it('loses nothing and applies nothing twice when a second instance joins and the first leaves', async () => {
    const topic = uniqueName('inbox-rebalance');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 4);
    const env = {
      DATABASE_URL: database.url,
      TOPIC: topic,
      GROUP_ID: groupId,
      HANDLER_DELAY_MS: '5',
      COMMIT_EVERY: '5',
    };
    const produced: TestEvent[] = [];
    let producing = true;
    const load = (async () => {
      for (let i = 0; producing; i++) {
        const batch = buildEvents(10, 8, i * 10);
        await produce(kafka, serde, topic, batch);
        produced.push(...batch);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const applied = async () => (await effectCounts(db)).size;

    try {
      const a = startConsumerProcess(env);
      procs.push(a);
      await waitFor(async () => ((await applied()) >= 30 ? true : undefined), {
        what: `instance A applying events\n${a.output()}`,
      });
      const b = startConsumerProcess(env);
      procs.push(b);
      await waitFor(() => (commitLines(b).length >= 20 ? true : undefined), {
        what: `instance B taking partitions\n${b.output()}`,
        timeoutMs: 30_000,
      });
      expect(await stopProcess(a)).toBe(0);
      const afterStop = commitLines(b).length;
      await waitFor(() => (commitLines(b).length >= afterStop + 30 ? true : undefined), {
        what: `instance B consuming alone\n${b.output()}`,
        timeoutMs: 30_000,
      });
    } finally {
      producing = false;
      await load;
    }
    await drained(kafka, groupId, topic, {
      what: 'the survivor to catch up',
      timeoutMs: 30_000,
    });

    const counts = await effectCounts(db);
    expect(produced.filter((e) => counts.get(e.eventId) !== 1)).toEqual([]);
    expect(counts.size).toBe(produced.length);
    expect(commitLines(procs[0]!).filter((l) => l.outcome === 'processed').length).toBeGreaterThan(
      0,
    );
    expect(commitLines(procs[1]!).filter((l) => l.outcome === 'processed').length).toBeGreaterThan(
      0,
    );
  });
});
