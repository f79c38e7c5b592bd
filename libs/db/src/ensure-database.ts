import { Client } from 'pg';

/** postgres://u@h:p/admin + name → postgres://u@h:p/name */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database if it does not exist. Safe to call concurrently and repeatedly. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      database,
    ]);
    if (rowCount) return false;
    try {
      await client.query(`create database "${database}"`);
      return true;
    } catch (error) {
      // Another process won the race, which is fine: 42P04 duplicate_database, or 23505 when both
      // CREATE DATABASE statements passed the existence check and collided on the catalog index.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
