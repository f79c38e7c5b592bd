import { z } from 'zod';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

/** How a Kafka client authenticates (SASL) and encrypts (TLS); none of it by default. */
export const kafkaSecurityEnv = {
  /** none: plaintext and anonymous (the local broker's development listener). */
  KAFKA_SASL_MECHANISM: z.enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512']).default('none'),
  /** The client's principal; default: the service's name. */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** PEM of the CA that signed the brokers' certificates; the system's CAs when unset. */
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_REJECT_UNAUTHORIZED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
};

/** Kafka and schema-registry variables, with the local infra as defaults. */
export const kafkaEnv = {
  KAFKA_BROKERS: list('127.0.0.1:9092'),
  ...kafkaSecurityEnv,
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
};

export const logEnv = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export const httpEnv = (defaultPort: number) => ({
  PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
  HOST: z.string().default('127.0.0.1'),
  /** `client:sha256-hex:scope,scope;…`, the callers allowed in (a secret: see resolveApiKeys). */
  API_KEYS: z.string().min(1).optional(),
  /** true: /metrics needs an API key with metrics:read; false: open to the scraper's network. */
  METRICS_REQUIRE_AUTH: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Requests per second allowed to each API client; 0 = no limit. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(500),
});
