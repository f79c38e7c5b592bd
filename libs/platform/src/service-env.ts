import { httpEnv, kafkaEnv, logEnv, runModeEnv } from '@o2c/config';
import { EVENT_HEADER_SETS } from '@o2c/kafka';
import { z } from 'zod';

/** The variables every service reads; a service extends this with its own. */
export const serviceEnv = (defaults: { port: number; database: string }) =>
  z.object({
    ...httpEnv(defaults.port),
    ...kafkaEnv,
    ...logEnv,
    ...runModeEnv,
    DATABASE_URL: z.url().default(`postgres://postgres@127.0.0.1:5432/${defaults.database}`),
    /** Prepended to every topic read and written (isolated environments on a shared cluster, tests). */
    TOPIC_PREFIX: z.string().default(''),
    /** The service's consumer group; consumers with a group of their own append to it. Default: the service name. */
    CONSUMER_GROUP: z.string().min(1).optional(),
    /**
     * Envelope headers the service writes: both (CloudEvents and the original ones, the default
     * while consumers migrate) or cloudevents. Consumers read either; see docs/cloudevents.md.
     */
    EVENT_HEADERS: z.enum(EVENT_HEADER_SETS).default('both'),
    /** The version SERVICE_STARTED records (a deploy stamps it); default: the package.json version. */
    O2C_VERSION: z.string().min(1).optional(),
  });

export type ServiceEnv = z.output<ReturnType<typeof serviceEnv>>;
