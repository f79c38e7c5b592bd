export { createDb, checkDb } from './create-db';
export type { Db } from './create-db';
export { ensureDatabase, databaseUrlFor } from './ensure-database';
export { runMigrations } from './run-migrations';
export type { Migration } from './run-migrations';
export { afterCommit } from './after-commit';
