import { parseEnv, resolveSecrets, secretVar } from '@o2c/config';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

const Schema = serviceEnv(pkg.o2c).extend({
  /** odoo-adapter, the only component that reads Odoo (GET /odoo/stock for reconciliations). */
  ODOO_ADAPTER_URL: z.url().default('http://127.0.0.1:3005'),
  /** inventory-sync's own API key at odoo-adapter (scope stock:read). */
  ODOO_ADAPTER_API_KEY: secretVar(),
  ODOO_ADAPTER_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Scheduled reconciliation against Odoo; 0 turns it off (on-demand runs still work). */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /** Replenishment planning over every rule; 0 turns it off (POST /replenishment/run still works). */
  REPLENISHMENT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** Proposals worth at most this (minor units of their currency) are approved automatically. */
  REPLENISHMENT_AUTO_APPROVE_MAX_MINOR: z.coerce.number().int().min(0).default(100_000),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) =>
  resolveSecrets(parseEnv(Schema, env), { ODOO_ADAPTER_API_KEY: DEVELOPMENT_API_KEY });
