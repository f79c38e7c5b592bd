import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** Where the shared local infra (npm run infra:up) listens; overridable like the services. */
export const testInfra = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  /** The local Zipkin (`npm run infra:up` starts it). */
  zipkinUrl: process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411',
  postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** Where `npm run infra:up` keeps pid files, logs and data (O2C_RUN_DIR, as the scripts). */
  runDir: process.env.O2C_RUN_DIR ?? join(__dirname, '../../../.cache/run'),
};

/** Topic, group, subject or database names unique to one test. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
