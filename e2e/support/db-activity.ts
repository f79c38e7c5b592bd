import { testInfra } from '@o2c/testing';
import pg from 'pg';
import { SERVICES, type startPlatform } from './platform';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Commits and rows written so far in each service's database (Postgres statistics). */
export async function dbActivity(p: Platform) {
  const names = Object.fromEntries(
    SERVICES.map((s) => [new URL(p.dbs[s].url).pathname.slice(1), s]),
  );
  const client = new pg.Client({ connectionString: testInfra.postgresAdminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string; commits: string; rows: string }>(
      `select datname, xact_commit as commits, tup_inserted + tup_updated + tup_deleted as rows
       from pg_stat_database where datname = any($1)`,
      [Object.keys(names)],
    );
    return Object.fromEntries(
      rows.map((r) => [names[r.datname]!, { commits: Number(r.commits), rows: Number(r.rows) }]),
    );
  } finally {
    await client.end();
  }
}
