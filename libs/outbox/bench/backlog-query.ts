// The relay's backlog gauges on a table of mostly retained published rows:
//   npm run bench:backlog -- [--rows 1000000] [--runs 20]
import { Command } from 'commander';
import { createDb, databaseUrlFor, ensureDatabase, runMigrations } from '@o2c/db';
import pg from 'pg';
import { outboxMigrations } from '../src';
import { BACKLOG_QUERY } from '../src/relay-housekeeping';

const options = new Command()
  .option('--rows <n>', 'published rows in the table', '1000000')
  .option('--backlog <n>', 'unpublished rows in the table', '100')
  .option('--runs <n>', 'timed runs of the query (median reported)', '20')
  .option('--postgres <url>', 'Postgres admin URL', 'postgres://postgres@127.0.0.1:5432/postgres')
  .parse()
  .opts<Record<string, string>>();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const database = `bench_backlog_${Date.now()}`;
  await ensureDatabase(options.postgres!, database);
  const db = createDb(databaseUrlFor(options.postgres!, database), { poolMax: 2 });
  try {
    await runMigrations(db, outboxMigrations);
    // xid 1 is committed before the relay's first window (published); a real xid is not.
    const fill = (n: number, published: boolean) =>
      db.raw(
        `insert into outbox (event_id, topic, key, event_type, schema_version, payload, headers,
           aggregate_sequence, xid)
         select gen_random_uuid(), 'bench', 'k' || (i % 1000), 'Bench', 1,
           decode(repeat('ab', 300), 'hex'), '{}'::jsonb, i,
           ${published ? `'1'::xid8` : 'pg_current_xact_id()'}
         from generate_series(1, ?) i`,
        [n],
      );
    await fill(Number(options.rows), true);
    await fill(Number(options.backlog), false);
    await db.raw('vacuum analyze outbox');
    const runs: number[] = [];
    for (let i = 0; i < Number(options.runs); i++) {
      const start = performance.now();
      await db.raw(BACKLOG_QUERY);
      runs.push(performance.now() - start);
    }
    const plan = (
      await db.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(`explain ${BACKLOG_QUERY}`)
    ).rows.map((r) => r['QUERY PLAN']);
    process.stdout.write(
      `backlog query, ${options.rows} published + ${options.backlog} unpublished rows, ` +
        `median of ${options.runs}: ${median(runs).toFixed(2)} ms\n${plan.join('\n')}\n`,
    );
  } finally {
    await db.destroy();
    const admin = new pg.Client({ connectionString: options.postgres });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
