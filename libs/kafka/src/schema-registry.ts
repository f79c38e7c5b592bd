import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

/**
 * Client of any Confluent-compatible registry (Confluent, Apicurio's ccompat API, Karapace,
 * Redpanda). `url` includes the API base path, e.g. http://127.0.0.1:8081/apis/ccompat/v7.
 */
export function createSchemaRegistry(url: string, clientId?: string): SchemaRegistry {
  return new SchemaRegistry({ host: url, ...(clientId ? { clientId } : {}) });
}
