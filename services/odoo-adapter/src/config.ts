import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

const uomMap = z
  .string()
  .default('EA=Units,DZ=Dozens,KG=kg')
  .transform(
    (s) =>
      new Map(s.split(',').map((pair) => pair.split('=').map((x) => x.trim()) as [string, string])),
  );

const Schema = serviceEnv(pkg.o2c).extend({
  ODOO_URL: z.url().default('http://127.0.0.1:8069'),
  ODOO_DB: z.string().default('o2c'),
  ODOO_LOGIN: z.string().default('admin'),
  ODOO_API_KEY: z.string().min(1).default('o2c-admin-key'),
  /** auto: JSON-2 on Odoo 19+, JSON-RPC before. */
  ODOO_PROTOCOL: z.enum(['auto', 'jsonrpc', 'json2']).default('auto'),
  ODOO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  ODOO_MAX_CONCURRENCY: z.coerce.number().int().positive().default(4),
  ODOO_RATE_PER_SEC: z.coerce.number().positive().default(20),
  ODOO_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  ODOO_BREAKER_OPEN_MS: z.coerce.number().int().positive().default(10_000),
  /** 0 turns polling off (webhooks only). */
  ODOO_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** How far behind the cursor each poll re-reads, for transactions that commit late. */
  ODOO_POLL_OVERLAP_MS: z.coerce.number().int().min(0).default(300_000),
  /** Secret path segment of the webhook URL Odoo calls (Odoo signs nothing); unset = no webhook. */
  ODOO_WEBHOOK_TOKEN: z.string().min(16).optional(),
  /** Canonical unit code = Odoo uom.uom name. */
  ODOO_UOM_MAP: uomMap,
  MASTER_DATA_REFRESH_MS: z.coerce.number().int().positive().default(300_000),
  CONSUMER_GROUP: z.string().default('odoo-adapter'),
  /** Prepended to every topic read and written (isolated environments on a shared cluster, tests). */
  TOPIC_PREFIX: z.string().default(''),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
