import type { Migration } from '@o2c/db';

/** This service's schema, in order. */
export const migrations: readonly Migration[] = [];
