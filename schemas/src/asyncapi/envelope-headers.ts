/**
 * The envelope headers libs/kafka writes on every message, as a JSON Schema for AsyncAPI: the
 * CloudEvents 1.0 Kafka binding in binary mode, plus, while EVENT_HEADERS=both (the default during
 * the migration), the platform's original headers. Kafka header values are bytes; ours are UTF-8.
 */
const uuid = { type: 'string', format: 'uuid' } as const;
const traceparent = {
  type: 'string',
  pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
} as const;
const legacy = (description: string) =>
  `${description} Original envelope, written only while EVENT_HEADERS=both; read ce_* instead.`;

export const envelopeHeadersSchema = {
  type: 'object',
  description:
    'Event metadata travels in Kafka headers, never in the Avro payload: a CloudEvent in binary ' +
    'content mode (the value is the event data, Confluent-framed Avro). Consumers read the ' +
    'CloudEvents headers, and the original ones on messages that have no ce_specversion.',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_time',
    'content-type',
    'ce_correlationid',
    'ce_schemaversion',
  ],
  properties: {
    ce_specversion: { const: '1.0', description: 'CloudEvents specification version.' },
    ce_id: {
      ...uuid,
      description:
        'Unique id of the event, stable across retries, relays and replays: the inbox dedupe key.',
    },
    ce_source: {
      type: 'string',
      pattern: '^/o2c/[a-z0-9-]+$',
      description: 'The producing service, e.g. /o2c/order-intake.',
    },
    ce_type: {
      type: 'string',
      pattern: '^o2c\\.[A-Za-z0-9]+$',
      description: 'o2c. + the event type (Avro record name), e.g. o2c.OrderAccepted.',
    },
    ce_time: {
      type: 'string',
      format: 'date-time',
      description: 'When the business fact happened (RFC 3339, UTC).',
    },
    ce_subject: {
      type: 'string',
      description: 'The aggregate the event is about: the message key (order id, SKU).',
    },
    'content-type': {
      const: 'application/avro',
      description:
        'datacontenttype: Avro in the Confluent wire format (magic byte, schema id, data).',
    },
    ce_schemaversion: {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'Extension: version of the event type schema the producer wrote (decimal).',
    },
    ce_correlationid: {
      type: 'string',
      description:
        'Extension: the business transaction the event belongs to, usually the order id.',
    },
    ce_causationid: {
      type: 'string',
      description:
        'Extension: ce_id of the event that caused this one; absent for events caused by a request.',
    },
    ce_sequence: {
      type: 'string',
      pattern: '^[0-9]{20}$',
      description:
        'Extension (CloudEvents sequence): 1, 2, 3… per subject, zero-padded to 20 digits so it ' +
        'orders lexicographically; consumers can see gaps.',
    },
    ce_traceparent: {
      ...traceparent,
      description: 'Distributed tracing extension: W3C trace context of the producing transaction.',
    },
    traceparent: {
      ...traceparent,
      description: 'The same trace context as a protocol header, for tracers that read only it.',
    },
    'event-id': { ...uuid, deprecated: true, description: legacy('= ce_id.') },
    'event-type': {
      type: 'string',
      deprecated: true,
      description: legacy('= ce_type without o2c.'),
    },
    'schema-version': {
      type: 'string',
      deprecated: true,
      description: legacy('= ce_schemaversion.'),
    },
    'occurred-at': { type: 'string', deprecated: true, description: legacy('= ce_time.') },
    'correlation-id': {
      type: 'string',
      deprecated: true,
      description: legacy('= ce_correlationid.'),
    },
    'causation-id': { type: 'string', deprecated: true, description: legacy('= ce_causationid.') },
    producer: {
      type: 'string',
      deprecated: true,
      description: legacy('= ce_source without /o2c/.'),
    },
    'aggregate-sequence': {
      type: 'string',
      deprecated: true,
      description: legacy('= ce_sequence, unpadded.'),
    },
  },
} as const;
