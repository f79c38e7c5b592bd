/**
 * The envelope headers libs/kafka writes on every message (architecture §4), as a JSON Schema for
 * AsyncAPI. Kafka header values are bytes; ours are UTF-8 strings.
 */
export const envelopeHeadersSchema = {
  type: 'object',
  description: 'Event metadata travels in Kafka headers, never in the Avro payload.',
  required: [
    'event-id',
    'event-type',
    'schema-version',
    'occurred-at',
    'correlation-id',
    'producer',
  ],
  properties: {
    'event-id': {
      type: 'string',
      format: 'uuid',
      description:
        'Unique id of the event, stable across retries, relays and replays: the inbox dedupe key.',
    },
    'event-type': {
      type: 'string',
      description:
        'The event type (Avro record name), e.g. OrderAccepted; selects the payload schema.',
    },
    'schema-version': {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description: 'Version of the event type schema the producer wrote (decimal).',
    },
    'occurred-at': {
      type: 'string',
      format: 'date-time',
      description: 'When the business fact happened, ISO 8601 UTC.',
    },
    'correlation-id': {
      type: 'string',
      description: 'The business transaction the event belongs to, usually the order id.',
    },
    'causation-id': {
      type: 'string',
      description:
        'event-id of the event that caused this one; absent for events caused by a request.',
    },
    traceparent: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description: 'W3C trace context of the transaction that produced the event.',
    },
    producer: { type: 'string', description: 'Name of the producing service, e.g. order-intake.' },
    'aggregate-sequence': {
      type: 'string',
      pattern: '^[1-9][0-9]*$',
      description:
        '1, 2, 3… per aggregate (message key), assigned by the producer so consumers can see gaps.',
    },
  },
} as const;
