import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';
import { DEFAULT_RETRY_SCHEDULE_MS } from './domain';

const Schema = serviceEnv(pkg.o2c).extend({
  /** Webhooks in flight at once (over all endpoints). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().positive().default(16),
  /** How often the dispatcher looks for due deliveries when it has nothing to send. */
  WEBHOOK_POLL_MS: z.coerce.number().int().positive().default(200),
  /** An endpoint that has not answered by then has failed the attempt. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Delays after the 1st, 2nd… failed attempt (±20 % jitter); after the last, the delivery fails. */
  WEBHOOK_RETRY_SCHEDULE_MS: z
    .string()
    .default(DEFAULT_RETRY_SCHEDULE_MS.join(','))
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .pipe(z.array(z.number().int().positive()).min(1)),
  /** Consecutive failed attempts (no success between) that disable a subscription. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().positive().default(50),
  /** How long the previous secret still signs after a rotation. */
  WEBHOOK_SECRET_OVERLAP_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3600 * 1000),
  /** An event waiting for its order's OrderAccepted (a filter needs it) is retried this often. */
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().positive().default(20),
  CONSUMER_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(3_000),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
