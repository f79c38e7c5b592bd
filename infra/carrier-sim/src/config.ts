import { logEnv, parseEnv } from '@o2c/config';
import { z } from 'zod';

const Schema = z.object({
  CARRIER_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8070),
  CARRIER_SIM_HOST: z.string().default('127.0.0.1'),
  /** Carrier codes this process plays, comma-separated. */
  CARRIER_SIM_CARRIERS: z
    .string()
    .default('dhl,ups')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  CARRIER_SIM_WEBHOOK_SECRET: z.string().min(1).default('o2c-carrier-secret'),
  CARRIER_SIM_PICKED_UP_AFTER_MS: z.coerce.number().int().min(0).default(300),
  CARRIER_SIM_DELIVERED_AFTER_MS: z.coerce.number().int().min(0).default(800),
  ...logEnv,
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
