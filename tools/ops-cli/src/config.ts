import { userInfo } from 'node:os';
import { databaseUrlFor } from '@o2c/db';
import { z } from 'zod';
import { opsDatabaseName } from './contracts';

const Schema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',')),
  POSTGRES_ADMIN_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  OPS_DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Config {
  brokers: string[];
  postgresAdminUrl: string;
  /** Audit log and job plans (created on first use). */
  opsDatabaseUrl: string;
  logLevel: string;
  /** Who runs the tool, unless --actor says otherwise. */
  osUser: string;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Schema.parse(env);
  return Object.freeze({
    brokers: parsed.KAFKA_BROKERS,
    postgresAdminUrl: parsed.POSTGRES_ADMIN_URL,
    opsDatabaseUrl:
      parsed.OPS_DATABASE_URL ?? databaseUrlFor(parsed.POSTGRES_ADMIN_URL, opsDatabaseName),
    logLevel: parsed.LOG_LEVEL,
    osUser: env.SUDO_USER ?? safeUser(),
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
