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

const PARTITIONS = 2;
const entry = join(__dirname, 'relay-entry.ts');

/**
 * A frozen relay (SIGSTOP) keeps its socket open, and its kernel keeps answering TCP: only the
 * server-side session bounds (sessionTimeoutMs, default 30 s) release its advisory lock.
 */
describe('outbox relay frozen with SIGSTOP', () => {
  let env: OutboxTestEnv;
  const spawned: SpawnedProcess[] = [];

  beforeAll(async () => {
    env = await createOutboxTestEnv(PARTITIONS);
  });
  afterAll(async () => {
    for (const proc of spawned) {
      proc.child.kill('SIGCONT');
      proc.child.kill('SIGKILL');
    }
    await Promise.all(spawned.map((proc) => proc.exited));
    await env.close();
  });

  const spawnRelay = () => {
    const proc = spawnProcess(entry, {
      DATABASE_URL: env.database.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SERVICE: env.service,
      BATCH_SIZE: '50',
      LOG_LEVEL: 'info',
    });
    spawned.push(proc);
    return proc;
  };
  const count = (which: 'published' | 'unpublished') => countRows(env.db, which);
  const logged = (proc: SpawnedProcess, text: string, timeoutMs = 30_000) =>
    waitFor(() => (proc.output().includes(text) ? true : undefined), {
      timeoutMs,
      intervalMs: 50,
      what: `'${text}'`,
    });

  it('loses its lock within the session timeout; the standby publishes the rest exactly once', async () => {
    const schema = buildSchema();
    const outbox = createOutbox({ serde: env.serde, service: env.service });
    const build = (key: string, i: number): OutboxEvent =>
      buildEvent(schema, env.topic, { key, data: { id: `e${i}`, n: i, note: 'payload' } });
    const active = spawnRelay();
    await logged(active, 'outbox relay active', 60_000);
    const standby = spawnRelay();
    // The standby polls the lock: its session is there, waiting.
    await waitFor(
      async () => {
        const { rows } = await env.db.raw<{ rows: Array<{ n: string }> }>(
          `select count(*) as n from pg_stat_activity
           where datname = current_database() and query like 'select pg_try_advisory_lock%'`,
        );
        return Number(rows[0]?.n) > 0 ? true : undefined;
      },
      { timeoutMs: 60_000, what: 'the standby polling the lock' },
    );
    const writing = writeConcurrently({ db: env.db, outbox, build, total: 3000, durationMs: 6000 });
    await waitFor(async () => ((await count('published')) >= 300 ? true : undefined), {
      what: 'the active relay publishing',
    });

    active.child.kill('SIGSTOP');
    const frozenAt = Date.now();
    await logged(standby, 'outbox relay holds the lock', 70_000);
    const takeoverMs = Date.now() - frozenAt;
    const { committed } = await writing;
    await waitFor(async () => ((await count('unpublished')) === 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the standby publishing the rest',
    });
    const beforeThaw = active.output().length;
    active.child.kill('SIGCONT');
    // The thawed relay finds its session gone (so its lock), and its Kafka epoch fenced.
    await waitFor(
      () => (active.output().slice(beforeThaw).includes('outbox relay failed') ? true : undefined),
      { what: 'the thawed relay noticing it lost its session' },
    );
    const after = await writeConcurrently({
      db: env.db,
      outbox,
      build,
      total: 200,
      durationMs: 500,
    });
    await waitFor(async () => ((await count('unpublished')) === 0 ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the events written after the thaw',
    });
    const seen = await (await startVerifier(env.kafka, env.topic, PARTITIONS)).drain(60_000);

    const all = [...committed, ...after.committed];
    const counts = new Map<string, number>();
    for (const s of seen) counts.set(s.meta.eventId, (counts.get(s.meta.eventId) ?? 0) + 1);
    const perKey = new Map<string, number>();
    let outOfOrder = 0;
    for (const s of seen) {
      if (s.meta.aggregateSequence !== (perKey.get(s.key) ?? 0) + 1) outOfOrder += 1;
      perKey.set(s.key, s.meta.aggregateSequence!);
    }
    expect(takeoverMs).toBeLessThanOrEqual(60_000);
    expect({
      missing: all.filter((m) => !counts.has(m.eventId)).length,
      duplicated: [...counts.values()].filter((n) => n > 1).length,
      outOfOrder,
    }).toEqual({ missing: 0, duplicated: 0, outOfOrder: 0 });
    expect(seen).toHaveLength(all.length);
    expect(active.output().slice(beforeThaw)).not.toContain('outbox relay active');
    const thawed = active
      .output()
      .slice(beforeThaw)
      .split('\n')
      .filter((line) => line.includes('outbox relay failed'))
      .map((line) => (JSON.parse(line) as { err?: { message?: string } }).err?.message);
    process.stdout.write(
      `freeze test: standby took the lock ${(takeoverMs / 1000).toFixed(1)} s after SIGSTOP ` +
        `(sessionTimeoutMs default 30 s); ${all.length} events, 0 missing, 0 duplicated; ` +
        `the thawed relay failed with: ${JSON.stringify(thawed.slice(0, 2))}\n`,
    );
  }, 360_000);
});
