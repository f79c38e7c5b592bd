import type { Db } from '@o2c/db';
import {
  createTestDatabase,
  uniqueName,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { DeadLetterHeaders as H, deadLetterTopic } from '../src';
import {
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  groupLag,
  migratedDb,
  produce,
  readTopic,
  testClients,
} from './fixtures';
import { commitLines, startConsumerProcess, stopProcess } from './process-helpers';

describe('consumer process killed with SIGKILL', () => {
  const { kafka, serde } = testClients('inbox-crash-test');
  let database: TestDatabase;
  let db: Db;
  const procs: SpawnedProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_crash');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(procs.map(stopProcess));
    await db.destroy();
    await database.drop();
  });

  const run = (env: Parameters<typeof startConsumerProcess>[0]) => {
    const proc = startConsumerProcess(env);
    procs.push(proc);
    return proc;
  };

  describe('between its database commit and its offset commit', () => {
    it('applies no event twice and misses none after a restart', async () => {
      const topic = uniqueName('inbox-crash');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 2);
      const events = buildEvents(40);
      await produce(kafka, serde, topic, events);
      const env = { DATABASE_URL: database.url, TOPIC: topic, GROUP_ID: groupId };

      const first = run({ ...env, CRASH_AFTER_DB_COMMIT_AT: '25' });
      expect(await first.exited).toBe('SIGKILL');
      expect(commitLines(first)).toHaveLength(25);
      // The offsets of what it applied were not all committed: the restart must see them again.
      expect(await groupLag(kafka, groupId, topic)).toBeGreaterThan(40 - 25);

      const second = run(env);
      await drained(kafka, groupId, topic, {
        what: `the restarted process to commit everything\n${second.output()}`,
        timeoutMs: 40_000,
      });
      expect(await stopProcess(second)).toBe(0);

      const counts = await effectCounts(db);
      expect(events.filter((e) => counts.get(e.eventId) !== 1)).toEqual([]);
      expect(counts.size).toBe(40);
      const redelivered = commitLines(second).filter((l) => l.outcome === 'duplicate');
      expect(redelivered.length).toBeGreaterThan(0);
    });
  });

  describe('on the same message every time', () => {
    it('counts the crashes apart from failures and dead-letters it after maxCrashes, then goes on', async () => {
      const topic = uniqueName('inbox-crashloop');
      const groupId = uniqueName('g');
      await createTopic(kafka, topic, 1);
      const events = buildEvents(6);
      await produce(kafka, serde, topic, events);
      const killer = events[2]!;
      const env = {
        DATABASE_URL: database.url,
        TOPIC: topic,
        GROUP_ID: groupId,
        MAX_CRASHES: '2',
        CRASH_ON_EVENT_ID: killer.eventId,
      };

      // The first death is inside a batch transaction (the fast path): it leaves the range
      // recorded, not a count. The next runs go one by one and count: two crashes use up
      // maxCrashes, and the fourth process must not run the handler again.
      expect(await run(env).exited).toBe('SIGKILL');
      const rangeLeft = await db('inbox_batches').where({ consumer_group: groupId }).count();
      expect(rangeLeft).toEqual([{ count: '1' }]);
      expect(await run(env).exited).toBe('SIGKILL');
      expect(await run(env).exited).toBe('SIGKILL');
      const survivor = run(env);
      const [letter] = await readTopic(kafka, deadLetterTopic(topic, groupId), 1);
      await drained(kafka, groupId, topic, {
        what: `all offsets committed\n${survivor.output()}`,
      });
      expect(await stopProcess(survivor)).toBe(0);

      expect(letter!.headers).toMatchObject({
        'event-id': killer.eventId,
        [H.reason]: 'crashed',
        [H.errorClass]: 'PoisonMessageError',
        [H.errorMessage]: 'crashed the consumer 2 times',
        [H.attempts]: '2',
        [H.originOffset]: '2',
      });
      const counts = await effectCounts(db);
      expect(events.map((e) => counts.get(e.eventId) ?? 0)).toEqual([1, 1, 0, 1, 1, 1]);
    });
  });
});
