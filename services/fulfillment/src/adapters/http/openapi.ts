const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problem } },
});
const orderId = { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } };

/** OpenAPI 3.1 of fulfillment's own routes (health and metrics are the host's). */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'fulfillment', version: '0.1.0' },
  paths: {
    '/orders/{orderId}/returns': {
      post: {
        summary: 'Record goods returned from a delivered shipment (emits ReturnReceived)',
        parameters: [
          orderId,
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['shipmentId', 'reasonCode', 'lines'],
                properties: {
                  shipmentId: { type: 'string' },
                  reasonCode: { type: 'string', examples: ['DAMAGED', 'NOT_NEEDED'] },
                  lines: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['lineNo', 'quantity', 'condition'],
                      properties: {
                        lineNo: { type: 'integer' },
                        quantity: { type: 'number', exclusiveMinimum: 0 },
                        condition: { enum: ['RESALEABLE', 'DAMAGED'] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Recorded (or replayed for a known Idempotency-Key)',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { returnId: { type: 'string' } } },
              },
            },
          },
          '400': problemResponse('Invalid body'),
          '404': problemResponse('Unknown order or shipment'),
          '422': problemResponse('Not delivered, more than shipped, or a reused key'),
        },
      },
    },
    '/orders/{orderId}/shipments': {
      get: {
        summary: "The order's shipments: saga state, carrier, tracking number and history",
        parameters: [orderId],
        responses: {
          '200': { description: 'Shipments with their history' },
          '404': problemResponse('Unknown order'),
        },
      },
    },
    '/carrier-webhooks/{carrierCode}': {
      post: {
        summary:
          'Carrier milestone webhook (picked_up, delivered), signed: HMAC-SHA256 of "<X-Carrier-Timestamp>.<raw body>"',
        parameters: [
          { name: 'carrierCode', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'X-Carrier-Timestamp',
            in: 'header',
            required: true,
            description: 'Unix seconds; refused beyond CARRIER_WEBHOOK_TOLERANCE_MS of our clock',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
          {
            name: 'X-Carrier-Signature',
            in: 'header',
            required: true,
            schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
          },
        ],
        responses: {
          '204': { description: 'Applied, or a repeat of an applied milestone' },
          '401': problemResponse('Bad signature, or a timestamp outside the window'),
          '404': problemResponse('Unknown carrier or shipment'),
          '409': problemResponse('The shipment is not ready for this milestone yet: retry'),
        },
      },
    },
    '/admin/verify': {
      get: {
        summary: 'Per-order facts and invariant violations for o2c-ops verify',
        responses: { '200': { description: 'Facts' } },
      },
    },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
        },
      },
    },
  },
} as const;
