export { createKafka, createKafkaHealthCheck } from './create-kafka';
export type { KafkaOptions } from './create-kafka';
export { createSchemaRegistry } from './schema-registry';
export { createAvroSerde, SchemaMismatchError } from './avro-serde';
export type { AvroSerde } from './avro-serde';
export { Headers, EnvelopeError, toHeaders, fromHeaders, headerValue } from './envelope';
export type { EventMetadata } from './envelope';
