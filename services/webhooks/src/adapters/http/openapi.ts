const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
/** The operations of a path, each with the path's parameters (the shape openApiRoute walks). */
const withParams = (parameters: object[], operations: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(operations).map(([method, op]) => [
      method,
      { ...op, parameters: [...parameters, ...((op.parameters as object[] | undefined) ?? [])] },
    ]),
  );
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const notFound = problem('Unknown subscription or delivery');
const invalid = problem('Invalid body or query: `errors` lists each issue with its path');

const subscriptionInput = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      format: 'uri',
      description: 'http or https endpoint receiving the POSTs',
    },
    eventTypes: {
      type: 'array',
      items: str,
      minItems: 1,
      description: 'GET /webhooks/event-types',
    },
    filter: {
      type: 'object',
      additionalProperties: false,
      properties: { channel: str, customerId: str },
      description: "Only orders of this channel and/or customer (from the order's OrderAccepted)",
    },
    description: { type: ['string', 'null'] },
  },
};

/** OpenAPI 3.1 description of the webhooks service's HTTP API. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'webhooks',
    version: '1.0.0',
    description:
      'Outbound webhooks for downstream systems, signed per the Standard Webhooks specification ' +
      '(webhook-id, webhook-timestamp, webhook-signature). See services/webhooks/README.md.',
  },
  paths: {
    '/webhooks/event-types': {
      get: { summary: 'Event types a subscription may list', responses: { 200: json('The list') } },
    },
    '/webhooks/subscriptions': {
      post: {
        summary: 'Subscribe an endpoint; the answer holds its signing secret, shown this once',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { ...subscriptionInput, required: ['url', 'eventTypes'] },
            },
          },
        },
        responses: { 201: json('Created, with `secret`', ref('Subscription')), 400: invalid },
      },
      get: { summary: 'Every subscription', responses: { 200: json('The subscriptions') } },
    },
    '/webhooks/subscriptions/{id}': withParams([idParam], {
      get: {
        summary: 'One subscription (status, failures, why it was disabled)',
        responses: { 200: json('The subscription', ref('Subscription')), 404: notFound },
      },
      patch: {
        summary: 'Change url, event types, filter or description',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: subscriptionInput } },
        },
        responses: { 200: json('Updated', ref('Subscription')), 400: invalid, 404: notFound },
      },
      delete: {
        summary: 'Delete; its pending deliveries are cancelled',
        responses: { 204: { description: 'Deleted' }, 404: notFound },
      },
    }),
    '/webhooks/subscriptions/{id}/rotate-secret': withParams([idParam], {
      post: {
        summary:
          'New secret (shown once); the previous one also signs until previousSecretValidUntil',
        responses: { 200: json('Rotated, with `secret`', ref('Subscription')), 404: notFound },
      },
    }),
    '/webhooks/subscriptions/{id}/enable': withParams([idParam], {
      post: {
        summary: 'Re-enable a disabled subscription; its waiting deliveries go out at once',
        responses: { 200: json('Enabled', ref('Subscription')), 404: notFound },
      },
    }),
    '/webhooks/subscriptions/{id}/deliveries': withParams(
      [
        idParam,
        {
          name: 'status',
          in: 'query',
          schema: { enum: ['pending', 'delivered', 'failed', 'cancelled'] },
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
      ],
      {
        get: {
          summary: 'Its deliveries, newest first',
          responses: { 200: json('The deliveries'), 400: invalid, 404: notFound },
        },
      },
    ),
    '/webhooks/subscriptions/{id}/replay': withParams([idParam], {
      post: {
        summary: 'Send again every delivery created in [from, to) (same webhook-id)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['from', 'to'],
                properties: {
                  from: { type: 'string', format: 'date-time' },
                  to: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        responses: { 202: json('{ requeued }'), 400: invalid, 404: notFound },
      },
    }),
    '/webhooks/deliveries/{id}': withParams([idParam], {
      get: {
        summary: 'One delivery and every attempt (time, duration, status code, error)',
        responses: { 200: json('The delivery'), 404: notFound },
      },
    }),
    '/webhooks/deliveries/{id}/replay': withParams([idParam], {
      post: {
        summary: 'Send one delivery again',
        responses: { 202: json('{ requeued: 1 }'), 404: notFound },
      },
    }),
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: str,
          title: str,
          status: { type: 'integer' },
          detail: str,
          instance: str,
        },
      },
      Subscription: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          url: str,
          eventTypes: { type: 'array', items: str },
          filter: { type: 'object' },
          description: { type: ['string', 'null'] },
          status: { enum: ['active', 'disabled'] },
          consecutiveFailures: { type: 'integer' },
          disabledReason: { type: ['string', 'null'] },
          previousSecretValidUntil: { type: ['string', 'null'], format: 'date-time' },
          secret: {
            type: 'string',
            description: 'whsec_…; only in the answers to create and rotate',
          },
        },
      },
    },
  },
};
