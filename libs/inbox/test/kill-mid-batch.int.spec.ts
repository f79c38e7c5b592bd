import type { Db } from '@o2c/db';
import {
  createTestDatabase,
  uniqueName,
  waitFor,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { deadLetterTopic } from '../src';
import {
  buildEvents,
  createTopic,
  drained,
  effectCounts,
  migratedDb,
  produce,
  testClients,
  topicSize,
} from './fixtures';
import { handlingLines, startConsumerProcess, stopProcess } from './process-helpers';

// A deploy, an OOM kill or a node drain kills a healthy consumer while a message is in flight.
// Those deaths say nothing about the message: only the handler's own failures use up attempts.
describe('a healthy consumer process SIGKILLed mid-batch again and again', () => {
  const { kafka, serde } = testClients('inbox-kill-test');
  let database: TestDatabase;
  let db: Db;
  const procs: SpawnedProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('inbox_kill');
    db = await migratedDb(database.url);
  });
  afterAll(async () => {
    await Promise.all(procs.map(stopProcess));
    await db.destroy();
    await database.drop();
  });

  it('dead-letters nothing after six kills inside the same handler, and applies every event once', async () => {
    const topic = uniqueName('inbox-kill');
    const groupId = uniqueName('g');
    await createTopic(kafka, topic, 1);
    const events = buildEvents(12);
    await produce(kafka, serde, topic, events);
    const inFlight = events[5]!.eventId;
    // maxAttempts 5 (the default): six kills are more than its attempts, fewer than maxCrashes.
    const env = {
      DATABASE_URL: database.url,
      TOPIC: topic,
      GROUP_ID: groupId,
      LOG_HANDLER_START: '1',
    };

    // The first run takes all 12 events in one transaction (the fast path) and is killed inside
    // event 5's handler with five handlers done: nothing is committed, and the range in flight
    // stays recorded. Each later run sees it (or event 5's attempt row) and goes one by one:
    // events 0-4 are committed on their own (then inbox duplicates), event 5 is counted as
    // started before its handler. Offsets are committed only at the batch end, never reached.
    for (let kill = 1; kill <= 6; kill++) {
      const proc = startConsumerProcess({ ...env, HANG_ON_EVENT_ID: inFlight });
      procs.push(proc);
      await waitFor(() => (handlingLines(proc).includes(inFlight) ? true : undefined), {
        what: `kill ${kill}: the handler of event 5 to start\n${proc.output()}`,
        timeoutMs: 40_000,
      });
      proc.child.kill('SIGKILL');
      expect(await proc.exited).toBe('SIGKILL');
      expect(handlingLines(proc).at(-1)).toBe(inFlight);
      if (kill === 1) {
        expect(handlingLines(proc)).toEqual(events.slice(0, 6).map((e) => e.eventId));
        expect((await effectCounts(db)).size).toBe(0);
        expect(await db('inbox').where({ consumer_group: groupId }).count()).toEqual([
          { count: '0' },
        ]);
        const inFlightRange = await db('inbox_batches')
          .where({ consumer_group: groupId })
          .select('from_offset', 'to_offset');
        expect(inFlightRange).toEqual([{ from_offset: '0', to_offset: '11' }]);
      }
    }
    const attemptRow = await db('inbox_attempts')
      .where({ consumer_group: groupId, offset: 5 })
      .first<{ starts: number; attempts: number }>('starts', 'attempts');
    // Five careful runs started event 5; the fast run's death left the range, not a count.
    expect(attemptRow).toEqual({ starts: 5, attempts: 0 });

    const survivor = startConsumerProcess(env);
    procs.push(survivor);
    await drained(kafka, groupId, topic, {
      what: `the survivor to commit everything\n${survivor.output()}`,
      timeoutMs: 40_000,
    });
    expect(await stopProcess(survivor)).toBe(0);

    expect(await topicSize(kafka, deadLetterTopic(topic, groupId))).toBe(0);
    const counts = await effectCounts(db);
    expect(events.map((e) => counts.get(e.eventId) ?? 0)).toEqual(events.map(() => 1));
    expect(await db('inbox_attempts').where({ consumer_group: groupId }).count()).toEqual([
      { count: '0' },
    ]);
    expect(await db('inbox_batches').where({ consumer_group: groupId }).count()).toEqual([
      { count: '0' },
    ]);
  }, 180_000);
});
