import { createDb, databaseUrlFor, type Db } from '@o2c/db';
import type { OpsContext } from '../context';
import { serviceDatabaseName } from '../contracts';
import { OpsError } from '../errors';

export interface ServiceDbOptions {
  service?: string;
  databaseUrl?: string;
}

/** Runs `use` with the database of the service that owns a consumer group's inbox. */
export async function withServiceDb<T>(
  ctx: OpsContext,
  options: ServiceDbOptions,
  use: (db: Db) => Promise<T>,
): Promise<T> {
  if (!options.databaseUrl && !options.service)
    throw new OpsError('USAGE', "name the consumer's service (--service) or its --database-url");
  const url =
    options.databaseUrl ??
    databaseUrlFor(ctx.config.postgresAdminUrl, serviceDatabaseName(options.service!));
  const db = createDb(url, { poolMax: 2, applicationName: 'o2c-ops' });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}
