import { userInfo } from 'node:os';
import {
  developmentSecrets,
  kafkaSecurityEnv,
  odooEnv,
  resolveSecrets,
  runModeEnv,
  secretVar,
} from '@o2c/config';
import type { KafkaSecurity } from '@o2c/kafka';
import { kafkaSecurityOf } from '@o2c/platform';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { databaseUrlFor } from '@o2c/db';
import { z } from 'zod';
import { opsDatabaseName } from './contracts';
import { OpsError } from './errors';

const Schema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',')),
  POSTGRES_ADMIN_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  OPS_DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  ...kafkaSecurityEnv,
  ...odooEnv,
  /** Default: development while ODOO_URL is unset (the local simulator), production otherwise. */
  O2C_ENV: runModeEnv.O2C_ENV.removeDefault().optional(),
  /** The API key `verify` sends to the services (scope admin:verify). */
  O2C_API_KEY: secretVar(),
});

export interface Config {
  brokers: string[];
  /** KAFKA_SASL_* and KAFKA_TLS*, as the services read them; the principal defaults to o2c-admin. */
  kafkaSecurity: KafkaSecurity;
  postgresAdminUrl: string;
  /** Audit log and job plans (created on first use). */
  opsDatabaseUrl: string;
  logLevel: string;
  /** Who runs the tool, unless --actor says otherwise. */
  osUser: string;
  /**
   * Odoo as the odoo-adapter reaches it (same variables, same schema). Reading it without
   * ODOO_API_KEY outside O2C_ENV=development throws: only commands that talk to Odoo need it.
   */
  readonly odoo: OdooConnection;
  /** O2C_API_KEY, read like the Odoo key: only `verify` calls the services' APIs. */
  readonly apiKey: string;
}

export interface OdooConnection {
  url: string;
  db: string;
  login: string;
  apiKey: string;
  transport: 'auto' | 'jsonrpc' | 'json2';
  timeoutMs: number;
  /** Canonical unit code → Odoo uom.uom name (the adapter's ODOO_UOM_MAP). */
  uomMap: ReadonlyMap<string, string>;
  /** The adapter validates deliveries with `skip_sms` (ODOO_SKIP_SMS). */
  skipSms: boolean;
  /** The company whose master data the adapter syncs (ODOO_COMPANY_ID). */
  companyId: number;
  /** The res.partner field customer ids map to (ODOO_CUSTOMER_KEY). */
  customerKey: 'ref' | 'vat' | 'email';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Schema.parse(env);
  const odoo = {
    url: parsed.ODOO_URL,
    db: parsed.ODOO_DB,
    login: parsed.ODOO_LOGIN,
    transport: parsed.ODOO_PROTOCOL,
    timeoutMs: parsed.ODOO_TIMEOUT_MS,
    uomMap: parsed.ODOO_UOM_MAP,
    skipSms: parsed.ODOO_SKIP_SMS,
    companyId: parsed.ODOO_COMPANY_ID,
    customerKey: parsed.ODOO_CUSTOMER_KEY,
  };
  return Object.freeze({
    brokers: parsed.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityOf(parsed, 'o2c-admin'),
    postgresAdminUrl: parsed.POSTGRES_ADMIN_URL,
    opsDatabaseUrl:
      parsed.OPS_DATABASE_URL ?? databaseUrlFor(parsed.POSTGRES_ADMIN_URL, opsDatabaseName),
    logLevel: parsed.LOG_LEVEL,
    osUser: env.SUDO_USER ?? safeUser(),
    get odoo(): OdooConnection {
      return { ...odoo, apiKey: secret('ODOO_API_KEY', developmentSecrets.ODOO_API_KEY) };
    },
    get apiKey(): string {
      return secret('O2C_API_KEY', DEVELOPMENT_API_KEY);
    },
  });

  function secret(name: 'ODOO_API_KEY' | 'O2C_API_KEY', developmentValue: string): string {
    try {
      const O2C_ENV = parsed.O2C_ENV ?? (env.ODOO_URL ? 'production' : 'development');
      return resolveSecrets({ ...parsed, O2C_ENV }, { [name]: developmentValue } as Record<
        typeof name,
        string
      >)[name];
    } catch (error) {
      throw new OpsError('USAGE', (error as Error).message);
    }
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
