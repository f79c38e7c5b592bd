import { join } from 'node:path';
import { spawnProcess, testInfra, waitFor, type SpawnedProcess } from '@o2c/testing';
import { createOutbox, type OutboxEvent } from '../src';
import {
  buildEvent,
  buildSchema,
  countRows,
  createOutboxTestEnv,
  type OutboxTestEnv,
} from './fixtures';
import { startVerifier } from './verifier';
import { writeConcurrently } from './writer';

const TOTAL = 20_000;
const MIN_KILLS = 20;
const PARTITIONS = 4;
const entry = join(__dirname, 'relay-entry.ts');
const BACKLOG = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox relay killed with SIGKILL at random moments', () => {
  let env: OutboxTestEnv;
  const spawned: SpawnedProcess[] = [];

  beforeAll(async () => {
    env = await createOutboxTestEnv(PARTITIONS);
  });
  afterAll(async () => {
    for (const proc of spawned) proc.child.kill('SIGKILL');
    await Promise.all(spawned.map((proc) => proc.exited));
    await env.close();
  });

  const spawnRelay = (extra: Record<string, string> = {}) => {
    const proc = spawnProcess(entry, {
      ...extra,
      DATABASE_URL: env.database.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SERVICE: env.service,
      BATCH_SIZE: '100',
      LOG_LEVEL: 'info',
    });
    spawned.push(proc);
    return proc;
  };

  const allPublished = () =>
    waitFor(async () => ((await countRows(env.db, 'unpublished')) === 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'all rows published',
    });

  // What each relay's recovery found: whether the database's cursor lagged Kafka's checkpoint (a
  // kill between a Kafka commit and the save of its cursor).
  const recoveries: Array<{ caughtUp: boolean }> = [];
  const collectRecoveries = (proc: SpawnedProcess) => {
    for (const line of proc.output().split('\n')) {
      if (!line.includes('outbox relay recovered')) continue;
      const { caughtUp } = JSON.parse(line) as { caughtUp: boolean };
      recoveries.push({ caughtUp });
    }
  };

  it('delivers every event exactly once to a read_committed consumer, in order per key', async () => {
    const started = Date.now();
    const schema = buildSchema();
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    const build = (key: string, i: number): OutboxEvent =>
      buildEvent(schema, env.topic, { key, data: { id: `e${i}`, n: i, note: 'payload' } });
    const writing = writeConcurrently({
      db: env.db,
      outbox,
      build,
      total: TOTAL,
      durationMs: 25_000,
    });

    let kills = 0;
    let done = false;
    let writtenIn = 0;
    void writing.then(() => {
      done = true;
      writtenIn = Date.now() - started;
    });
    // Two relays run at once: the standby waits on the advisory lock, so its start-up (seconds of
    // module loading on a busy machine) overlaps the active one's work; it takes over on each kill.
    const live = new Set<SpawnedProcess>();
    const holder = (text: string) =>
      waitFor(() => [...live].find((p) => p.output().includes(text)), {
        timeoutMs: 45_000,
        intervalMs: 10,
        what: `a relay logging '${text}'`,
      });
    const kill = async (relay: SpawnedProcess) => {
      relay.child.kill('SIGKILL');
      await relay.exited;
      live.delete(relay);
      collectRecoveries(relay);
      kills += 1;
    };
    while (!done || kills < MIN_KILLS) {
      while (live.size < 2) live.add(spawnRelay());
      // Some kills land during take-over (producer fencing, recovery), most while publishing.
      const takeover = kills % 4 === 3;
      const relay = await holder(takeover ? 'outbox relay holds the lock' : 'outbox relay active');
      await sleep(Math.random() * (takeover ? 150 : 1000));
      await kill(relay);
    }
    const { committed, rolledBack } = await writing;
    await allPublished();

    // Random kills land inside a Kafka transaction, after its sends, only now and then. So once
    // more, on purpose: a backlog is written while no relay runs, and the relay that takes it on
    // holds its first transaction open after the sends until it is killed. Its successor must
    // fence it (the broker aborts the sends) and publish those rows again.
    for (const relay of [...live]) await kill(relay);
    const backlog = await writeConcurrently({
      db: env.db,
      outbox,
      build,
      total: BACKLOG,
      durationMs: 0,
    });
    committed.push(...backlog.committed);
    rolledBack.push(...backlog.rolledBack);
    live.add(spawnRelay({ HOLD_AFTER_SEND: '1' }));
    await kill(await holder('holding a transaction open after its sends'));
    while (live.size < 2) live.add(spawnRelay());
    await allPublished();
    for (const relay of live) collectRecoveries(relay);
    const verifier = await startVerifier(env.kafka, env.topic, PARTITIONS);
    const everything = await startVerifier(env.kafka, env.topic, PARTITIONS, {
      readUncommitted: true,
    });
    const seen = await verifier.drain(60_000);
    const aborted = (await everything.drain(60_000)).length - seen.length;
    const counts = new Map<string, number>();
    for (const s of seen) counts.set(s.meta.eventId, (counts.get(s.meta.eventId) ?? 0) + 1);
    const missing = committed.filter((m) => !counts.has(m.eventId));
    const duplicated = [...counts.values()].filter((n) => n > 1);
    const unexpected = rolledBack.filter((id) => counts.has(id));
    const perKey = new Map<string, number>();
    let outOfOrder = 0;
    for (const s of seen) {
      const previous = perKey.get(s.key) ?? 0;
      if (s.meta.aggregateSequence !== previous + 1) outOfOrder += 1;
      perKey.set(s.key, s.meta.aggregateSequence!);
    }

    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(committed).toHaveLength(TOTAL + BACKLOG);
    expect({
      missing: missing.length,
      duplicated: duplicated.length,
      unexpected: unexpected.length,
      outOfOrder,
    }).toEqual({
      missing: 0,
      duplicated: 0,
      unexpected: 0,
      outOfOrder: 0,
    });
    expect(seen).toHaveLength(committed.length);
    // Events sent in aborted transactions (only a read_uncommitted reader sees them): at least
    // the held one's. A kill between a commit and the cursor's save is rarer (printed);
    // outbox-relay.int.spec.ts sets that case up on purpose.
    expect(aborted).toBeGreaterThan(0);
    process.stdout.write(
      `kill test: ${kills} kills, ${recoveries.length} recoveries, ` +
        `${recoveries.filter((r) => r.caughtUp).length} caught the saved cursor up, ` +
        `${aborted} events in aborted transactions, ` +
        `writers done after ${(writtenIn / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }, 360_000);
});
