import { httpEnv, kafkaEnv, logEnv } from '@o2c/config';
import { z } from 'zod';

/** The variables every service reads; a service extends this with its own. */
export const serviceEnv = (defaults: { port: number; database: string }) =>
  z.object({
    ...httpEnv(defaults.port),
    ...kafkaEnv,
    ...logEnv,
    DATABASE_URL: z.url().default(`postgres://postgres@127.0.0.1:5432/${defaults.database}`),
  });

export type ServiceEnv = z.output<ReturnType<typeof serviceEnv>>;
