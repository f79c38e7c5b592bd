import { userInfo } from 'node:os';
import {
  developmentSecrets,
  kafkaEnv,
  kafkaSecurityEnv,
  odooEnv,
  resolveSecrets,
  runModeEnv,
  secretVar,
} from '@o2c/config';
import type { KafkaSecurity } from '@o2c/kafka';
import { kafkaSecurityOf } from '@o2c/platform';
import {
  DEVELOPMENT_API_KEY,
  developmentApiKeys,
  hashApiKey,
  parseApiKeys,
  type ApiKeyEntry,
} from '@o2c/http';
import { databaseUrlFor } from '@o2c/db';
import { z } from 'zod';
import { opsDatabaseName, serviceDatabaseName } from './contracts';
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
  /** `console`: who may call it, as the services read API_KEYS (development: o2c-dev-key). */
  API_KEYS: z.string().min(1).optional(),
  ZIPKIN_URL: z.string().url().default('http://127.0.0.1:9411'),
  ORDER_INTAKE_URL: z.string().url().default('http://127.0.0.1:3001'),
  FULFILLMENT_URL: z.string().url().default('http://127.0.0.1:3003'),
  ODOO_ADAPTER_URL: z.string().url().default('http://127.0.0.1:3005'),
  FLOW_WATCH_URL: z.string().url().default('http://127.0.0.1:3007'),
  /** Decodes the failure events `triage` reads, as every service reads the registry. */
  SCHEMA_REGISTRY_URL: kafkaEnv.SCHEMA_REGISTRY_URL,
  /** The services' TOPIC_PREFIX: `triage` reads their topics and groups only. */
  TOPIC_PREFIX: z.string().default(''),
  ORDER_INTAKE_DATABASE_URL: z.string().url().optional(),
  FULFILLMENT_DATABASE_URL: z.string().url().optional(),
  ODOO_ADAPTER_DATABASE_URL: z.string().url().optional(),
  /** `cutover`: the adapter's mode of a channel without a channel_modes row (same variable). */
  ODOO_WRITE_MODE_DEFAULT: z.enum(['live', 'shadow']).default('live'),
  INVENTORY_SYNC_DATABASE_URL: z.string().url().optional(),
  INVOICING_DATABASE_URL: z.string().url().optional(),
  WEBHOOKS_DATABASE_URL: z.string().url().optional(),
  /** `triage explain`: an OpenAI-compatible endpoint (off unless set), its model and key. */
  LLM_BASE_URL: z.string().url().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

/** The six services, whose databases hold their platform_signals. */
export const SERVICES = [
  'order-intake',
  'inventory-sync',
  'fulfillment',
  'invoicing',
  'odoo-adapter',
  'webhooks',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The language model `triage explain` asks; absent unless LLM_BASE_URL is set. */
export interface LlmConfig {
  baseUrl: string;
  /** LLM_MODEL: required by `triage explain` (no default: endpoints name their models differently). */
  model: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** The services whose databases and /metrics the console reads. */
export type ConsoleService = 'order-intake' | 'fulfillment' | 'odoo-adapter';

export interface ConsoleConfig {
  zipkinUrl: string;
  /** flow-watch, whose GET /anomalies the console shows. */
  flowWatchUrl: string;
  /** Base URLs whose /metrics carry o2c_exceptions_open and its age. */
  serviceUrls: Readonly<Record<ConsoleService, string>>;
  databaseUrls: Readonly<Record<ConsoleService, string>>;
  /** API_KEYS, or the development key (every scope) in development; required elsewhere. */
  readonly apiKeys: readonly ApiKeyEntry[];
  development: boolean;
}

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
  readonly console: ConsoleConfig;
  /** SCHEMA_REGISTRY_URL, as the services read it. */
  schemaRegistryUrl: string;
  /** TOPIC_PREFIX of the services this tool looks at (`triage`), default none. */
  topicPrefix: string;
  /** Every service's database: `<SERVICE>_DATABASE_URL`, else derived from POSTGRES_ADMIN_URL. */
  serviceDatabaseUrls: Readonly<Record<ServiceName, string>>;
  llm: LlmConfig | undefined;
  /** odoo-adapter's ODOO_WRITE_MODE_DEFAULT (a channel's mode until a cutover sets one). */
  odooWriteModeDefault: 'live' | 'shadow';
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
  const runMode = parsed.O2C_ENV ?? (env.ODOO_URL ? 'production' : 'development');
  const dbUrl = (service: ConsoleService, url: string | undefined) =>
    url ?? databaseUrlFor(parsed.POSTGRES_ADMIN_URL, serviceDatabaseName(service));
  const consoleConfig: ConsoleConfig = {
    zipkinUrl: parsed.ZIPKIN_URL.replace(/\/+$/, ''),
    flowWatchUrl: parsed.FLOW_WATCH_URL.replace(/\/+$/, ''),
    serviceUrls: {
      'order-intake': parsed.ORDER_INTAKE_URL,
      fulfillment: parsed.FULFILLMENT_URL,
      'odoo-adapter': parsed.ODOO_ADAPTER_URL,
    },
    databaseUrls: {
      'order-intake': dbUrl('order-intake', parsed.ORDER_INTAKE_DATABASE_URL),
      fulfillment: dbUrl('fulfillment', parsed.FULFILLMENT_DATABASE_URL),
      'odoo-adapter': dbUrl('odoo-adapter', parsed.ODOO_ADAPTER_DATABASE_URL),
    },
    development: runMode === 'development',
    get apiKeys(): readonly ApiKeyEntry[] {
      return consoleApiKeys(parsed.API_KEYS, runMode === 'development');
    },
  };
  return Object.freeze({
    brokers: parsed.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityOf(parsed, 'o2c-admin'),
    postgresAdminUrl: parsed.POSTGRES_ADMIN_URL,
    opsDatabaseUrl:
      parsed.OPS_DATABASE_URL ?? databaseUrlFor(parsed.POSTGRES_ADMIN_URL, opsDatabaseName),
    logLevel: parsed.LOG_LEVEL,
    schemaRegistryUrl: parsed.SCHEMA_REGISTRY_URL,
    topicPrefix: parsed.TOPIC_PREFIX,
    osUser: env.SUDO_USER ?? safeUser(),
    get odoo(): OdooConnection {
      return { ...odoo, apiKey: secret('ODOO_API_KEY', developmentSecrets.ODOO_API_KEY) };
    },
    get apiKey(): string {
      return secret('O2C_API_KEY', DEVELOPMENT_API_KEY);
    },
    console: consoleConfig,
    serviceDatabaseUrls: {
      'order-intake': consoleConfig.databaseUrls['order-intake'],
      'inventory-sync':
        parsed.INVENTORY_SYNC_DATABASE_URL ??
        databaseUrlFor(parsed.POSTGRES_ADMIN_URL, serviceDatabaseName('inventory-sync')),
      fulfillment: consoleConfig.databaseUrls.fulfillment,
      invoicing:
        parsed.INVOICING_DATABASE_URL ??
        databaseUrlFor(parsed.POSTGRES_ADMIN_URL, serviceDatabaseName('invoicing')),
      'odoo-adapter': consoleConfig.databaseUrls['odoo-adapter'],
      webhooks:
        parsed.WEBHOOKS_DATABASE_URL ??
        databaseUrlFor(parsed.POSTGRES_ADMIN_URL, serviceDatabaseName('webhooks')),
    },
    odooWriteModeDefault: parsed.ODOO_WRITE_MODE_DEFAULT,
    llm: parsed.LLM_BASE_URL
      ? {
          baseUrl: parsed.LLM_BASE_URL.replace(/\/+$/, ''),
          model: parsed.LLM_MODEL,
          apiKey: parsed.LLM_API_KEY,
          timeoutMs: parsed.LLM_TIMEOUT_MS,
        }
      : undefined,
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

function consoleApiKeys(text: string | undefined, development: boolean): readonly ApiKeyEntry[] {
  if (text === undefined) {
    if (development) return developmentApiKeys;
    throw new OpsError('USAGE', 'API_KEYS is not set (required unless O2C_ENV=development)');
  }
  let entries: ApiKeyEntry[];
  try {
    entries = parseApiKeys(text);
  } catch (error) {
    throw new OpsError('USAGE', (error as Error).message);
  }
  if (!development && entries.some((e) => e.sha256 === hashApiKey(DEVELOPMENT_API_KEY)))
    throw new OpsError('USAGE', 'API_KEYS holds the public development key outside development');
  return entries;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
