export { createKafka, createKafkaHealthCheck } from './create-kafka';
export type { KafkaOptions } from './create-kafka';
export { createSchemaRegistry } from './schema-registry';
