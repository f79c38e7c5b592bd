import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { COMPATIBILITY, SchemaType } from '@kafkajs/confluent-schema-registry';

/**
 * The schema registry could not be reached (or answered 5xx) on every try. `unavailable` marks it
 * as an outage, not a fault of the event: the consumer runtime waits instead of counting attempts.
 */
export class SchemaRegistryUnavailableError extends Error {
  readonly code = 'SCHEMA_REGISTRY_UNAVAILABLE';
  readonly unavailable = true;
  constructor(
    readonly subject: string,
    readonly tries: number,
    options?: ErrorOptions,
  ) {
    super(`schema registry unavailable: could not register ${subject} in ${tries} tries`, options);
    this.name = 'SchemaRegistryUnavailableError';
  }
}

/** Tries after the first one, with capped exponential back-off and jitter between them. */
export interface RegistryRetryPolicy {
  retries: number;
  initialMs: number;
  maxMs: number;
}

export const defaultRegistryRetryPolicy: RegistryRetryPolicy = {
  retries: 6,
  initialMs: 100,
  maxMs: 3000,
};

interface RegistryFailure {
  name?: string;
  status?: number;
  message?: string;
}

// getRegistryIdBySchema wraps a 404 (subject or schema unknown) in a bare ConfluentSchemaRegistryError.
const isNotFound = (error: unknown) =>
  (error as RegistryFailure | null)?.name === 'ConfluentSchemaRegistryError';

// mappersmith reports a network failure as a ResponseError with status 400 (no HTTP reply at all).
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up|timeout/i;
const isTransient = (error: unknown) => {
  const e = error as RegistryFailure | null;
  if (e?.name !== 'ResponseError') return false;
  const status = e.status ?? 0;
  return status >= 500 || status === 408 || status === 429 || NETWORK.test(e.message ?? '');
};

/**
 * Another registrant got there first: Apicurio refuses the second "set compatibility" of a new
 * subject ("A rule named 'COMPATIBILITY' already exists", 409), and between a first version and
 * its compatibility rule the subject reports the registry default, which the client refuses as
 * a mismatch. Both settle once the other registrant finishes: re-read, then retry.
 */
const isConcurrentRegistration = (error: unknown) => {
  const e = error as RegistryFailure | null;
  return (
    (e?.status === 409 && /already exists/i.test(e.message ?? '')) ||
    e?.name === 'ConfluentSchemaRegistryCompatibilityError'
  );
};

const delay = (policy: RegistryRetryPolicy, retry: number) =>
  Math.min(policy.maxMs, policy.initialMs * 2 ** (retry - 1)) * (0.5 + Math.random() / 2);

/**
 * The id of `text` under `subject`, registered (subject set to BACKWARD_TRANSITIVE) if new.
 * Idempotent under concurrency: any number of processes may register the same new subject at
 * once. Transient failures are retried; when they outlast the policy, a
 * SchemaRegistryUnavailableError is thrown. Other errors (e.g. an incompatible schema) are thrown as they are.
 */
export async function lookupOrRegisterSchema(
  registry: SchemaRegistry,
  subject: string,
  text: string,
  policy: RegistryRetryPolicy = defaultRegistryRetryPolicy,
): Promise<number> {
  // Look the schema up first: subjects registered by `npm run schemas:register` are
  // BACKWARD_TRANSITIVE, and the client's register() refuses a subject whose level differs from
  // its option. Registering here is the fallback for schemas nobody registered yet (dev, tests).
  const schema = { type: SchemaType.AVRO as const, schema: text };
  let last: unknown;
  for (let tries = 1; tries <= policy.retries + 1; tries++) {
    if (tries > 1) await new Promise((r) => setTimeout(r, delay(policy, tries - 1)));
    try {
      return await registry.getRegistryIdBySchema(subject, schema);
    } catch (error) {
      last = error;
      if (isTransient(error)) continue;
      if (!isNotFound(error)) throw error;
    }
    try {
      const registered = await registry.register(schema, {
        subject,
        compatibility: COMPATIBILITY.BACKWARD_TRANSITIVE,
      });
      return registered.id;
    } catch (error) {
      last = error;
      if (!isTransient(error) && !isConcurrentRegistration(error)) throw error;
    }
  }
  if (isTransient(last)) {
    throw new SchemaRegistryUnavailableError(subject, policy.retries + 1, { cause: last });
  }
  throw last;
}
