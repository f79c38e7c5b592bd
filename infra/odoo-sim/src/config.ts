import { logEnv, parseEnv } from '@o2c/config';
import { z } from 'zod';

const Schema = z.object({
  ODOO_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8069),
  ODOO_SIM_HOST: z.string().default('127.0.0.1'),
  ODOO_SIM_VERSION: z
    .enum(['16', '17', '18', '19'])
    .default('17')
    .transform((v) => Number(v) as 16 | 17 | 18 | 19),
  ODOO_SIM_DB: z.string().min(1).default('o2c'),
  ...logEnv,
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
