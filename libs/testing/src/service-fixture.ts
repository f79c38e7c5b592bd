import { createAvroSerde, createKafka, createSchemaRegistry } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { createTestDatabase } from './test-database';
import { testInfra, uniqueName } from './test-infra';

/**
 * What an in-process test of `service` starts from: a database of its own, a topic prefix and a
 * consumer group no other test shares, the environment that points the service at them, and a
 * test client of the same Kafka and registry.
 */
export async function createServiceFixture(service: string, database: string) {
  const db = await createTestDatabase(database);
  const prefix = `${uniqueName('t')}.`;
  const group = uniqueName(service);
  const env = {
    O2C_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    KAFKA_BROKERS: testInfra.brokers.join(','),
    SCHEMA_REGISTRY_URL: testInfra.registryUrl,
    TOPIC_PREFIX: prefix,
    CONSUMER_GROUP: group,
  };
  const clientId = `${service}-test`;
  const logger = createLogger({ service: clientId, level: 'warn' });
  const kafka = createKafka({ clientId, brokers: testInfra.brokers, logger });
  const serde = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
  return { db, prefix, group, env, logger, kafka, serde };
}
