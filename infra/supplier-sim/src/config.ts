import { logEnv, parseEnv } from '@o2c/config';
import { z } from 'zod';

const Schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8071),
  SUPPLIER_SIM_HOST: z.string().default('127.0.0.1'),
  /** HMAC key of X-Supplier-Signature (odoo-adapter's SUPPLIER_WEBHOOK_SECRET). */
  SUPPLIER_WEBHOOK_SECRET: z.string().min(1).default('o2c-supplier-secret'),
  /** Purchase order received → the supplier's answer is sent. */
  SUPPLIER_SIM_ANSWER_AFTER_MS: z.coerce.number().int().min(0).default(200),
  ...logEnv,
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
