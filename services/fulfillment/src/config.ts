import { developmentSecrets, parseEnv, resolveSecrets, secretVar } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Schema = serviceEnv(pkg.o2c).extend({
  CARRIER_API_URL: z.url().default('http://127.0.0.1:8070'),
  /** Carriers in order of preference: a failed booking reroutes to the next. */
  CARRIERS: z
    .string()
    .default('dhl,ups')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1)),
  CARRIER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
  CARRIER_TIMEOUT_MS: ms(3000),
  CARRIER_BACKOFF_MS: ms(500),
  CARRIER_BACKOFF_MAX_MS: ms(10_000),
  /** Signs carrier webhooks; `new,old` accepts both while rotating. */
  CARRIER_WEBHOOK_SECRET: secretVar(),
  /** A webhook whose X-Carrier-Timestamp is further than this from our clock is refused. */
  CARRIER_WEBHOOK_TOLERANCE_MS: ms(300_000),
  /** Base URL carriers call back; defaults to http://127.0.0.1:<PORT>. */
  PUBLIC_URL: z.url().optional(),
  DISPATCH_TIMEOUT_MS: ms(60_000),
  DELIVERY_TIMEOUT_MS: ms(600_000),
  SAGA_WORKERS: z.coerce.number().int().positive().default(4),
  SAGA_POLL_MS: ms(1000),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) =>
  resolveSecrets(parseEnv(Schema, env), {
    CARRIER_WEBHOOK_SECRET: developmentSecrets.CARRIER_WEBHOOK_SECRET,
  });
