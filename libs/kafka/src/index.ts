export {
  COMPRESSION,
  TRANSACTIONAL_RETRY,
  createKafka,
  createKafkaHealthCheck,
} from './create-kafka';
export type { KafkaOptions } from './create-kafka';
export { kafkaClientSecurity } from './kafka-security';
export type { KafkaSecurity } from './kafka-security';
export { createSchemaRegistry } from './schema-registry';
export { ensureTopics } from './ensure-topics';
export type { TopicSpec } from './ensure-topics';
export { createAvroSerde, SchemaMismatchError } from './avro-serde';
export type { AvroSerde, AvroSerdeOptions } from './avro-serde';
export { UnreadableVersionError, writerVersion } from './latest-reader';
export { SchemaRegistryUnavailableError } from './register-schema';
export type { RegistryRetryPolicy } from './register-schema';
export { Headers, EnvelopeError, headerValue } from './envelope';
export {
  AVRO_CONTENT_TYPE,
  CE_SOURCE_PREFIX,
  CE_TYPE_PREFIX,
  CLOUDEVENTS_SPEC_VERSION,
  CloudEventHeaders,
} from './cloud-events';
export {
  EVENT_HEADER_SETS,
  eventIdOf,
  eventTypeOf,
  fromHeaders,
  sequenceHeaders,
  toHeaders,
} from './event-headers';
export type { EventHeaderSet, SequenceHeader, ToHeadersOptions } from './event-headers';
export type { EventMetadata } from './envelope';
export { createConsumer } from './consumer';
export type {
  BatchControl,
  BatchHandler,
  ConsumerOptions,
  MessageBatch,
  TopicPartitions,
  TypedConsumer,
} from './consumer';
export { DecodeError, decodeMessage } from './consumer-decode';
export type {
  ConsumedMessage,
  DecodedMessage,
  RawMessage,
  UndecodableMessage,
} from './consumer-decode';
export { createEventProducer } from './producer';
export type { EventProducer, EventProducerOptions, PublishableEvent } from './producer';
export {
  createPartitionAssigner,
  MessagesDroppedError,
  openPartitionAssigner,
  sendBatchChecked,
} from './send-checked';
export type { PartitionAssigner } from './send-checked';
