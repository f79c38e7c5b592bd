import knex, { type Knex } from 'knex';

export type Db = Knex;

/** A knex pool on Postgres. Connection failures surface on first use, not here. */
export function createDb(
  url: string,
  options: { poolMax?: number; applicationName?: string } = {},
): Db {
  return knex({
    client: 'pg',
    connection: {
      connectionString: url,
      application_name: options.applicationName,
      connectionTimeoutMillis: 2000,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 5000,
  });
}

/** Readiness check: one round trip. */
export async function checkDb(db: Db): Promise<void> {
  await db.raw('select 1');
}
