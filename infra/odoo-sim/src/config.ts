import { logEnv, parseEnv } from '@o2c/config';
import { z } from 'zod';
import { DEFAULT_MODULES } from './modules';

const Schema = z.object({
  ODOO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8069),
  ODOO_SIM_HOST: z.string().default('127.0.0.1'),
  ODOO_SIM_VERSION: z
    .enum(['16', '17', '18', '19'])
    .default('17')
    .transform((v) => Number(v) as 16 | 17 | 18 | 19),
  ODOO_SIM_DB: z.string().min(1).default('o2c'),
  /** Installed modules, comma-separated (dependencies follow); default: a default install. */
  ODOO_SIM_MODULES: z
    .string()
    .default(DEFAULT_MODULES.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  /** The company's default sale tax in percent; 0 (default) puts no taxes on anything. */
  ODOO_SIM_SALE_TAX: z.coerce.number().min(0).max(100).default(0),
  ...logEnv,
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
