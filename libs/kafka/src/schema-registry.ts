import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';

/**
 * A registry call without an answer by then fails (and lookupOrRegisterSchema retries it). Without
 * a timeout, a request the registry never answers waits forever on its keep-alive socket: seen
 * once in CI, where Apicurio left a concurrent registration unanswered and the test run hung.
 */
export const REGISTRY_TIMEOUT_MS = 10_000;

/**
 * Client of any Confluent-compatible registry (Confluent, Apicurio's ccompat API, Karapace,
 * Redpanda). `url` includes the API base path, e.g. http://127.0.0.1:8081/apis/ccompat/v7.
 */
export function createSchemaRegistry(
  url: string,
  clientId?: string,
  timeoutMs = REGISTRY_TIMEOUT_MS,
): SchemaRegistry {
  return new SchemaRegistry({
    host: url,
    middlewares: [TimeoutMiddleware(timeoutMs)],
    ...(clientId ? { clientId } : {}),
  });
}
