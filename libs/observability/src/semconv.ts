/**
 * Attribute names of OpenTelemetry's semantic conventions that are still "development" there
 * (messaging, RPC), kept here as the conventions advise instead of importing their unstable
 * entry point. The stable ones (HTTP, URL, server) come from @opentelemetry/semantic-conventions.
 */
export const Messaging = {
  system: 'messaging.system',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  messageId: 'messaging.message.id',
  batchCount: 'messaging.batch.message_count',
  kafkaKey: 'messaging.kafka.message.key',
  kafkaOffset: 'messaging.kafka.offset',
} as const;

export const Rpc = {
  system: 'rpc.system',
  service: 'rpc.service',
  method: 'rpc.method',
} as const;
