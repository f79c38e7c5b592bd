import { parseEnv } from '@o2c/config';
import { serviceEnv } from '@o2c/platform';
import { z } from 'zod';
import pkg from '../package.json';

const Schema = serviceEnv(pkg.o2c).extend({
  /** An Idempotency-Key still in flight after this long is taken to be from a crashed request. */
  IDEMPOTENCY_STALE_MS: z.coerce.number().int().positive().default(60_000),
});

export type Config = ReturnType<typeof loadConfig>;

/** The only reader of the environment (main.ts passes process.env in). */
export const loadConfig = (env: Record<string, string | undefined>) => parseEnv(Schema, env);
