const num = { type: 'number' };
const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const anomaly = {
  type: 'object',
  properties: {
    anomalyId: { type: 'string', format: 'uuid' },
    seriesKey: { ...str, description: "'<series>:<subject>', the key of ops.anomalies" },
    series: {
      enum: ['orders_per_channel', 'stage_latency_p95', 'dead_letter_rate', 'odoo_sync_delay_p95'],
    },
    subject: { ...str, description: 'Channel, stage, source topic or Odoo model' },
    direction: { enum: ['LOW', 'HIGH'] },
    state: { enum: ['open', 'cleared'] },
    observed: { ...num, description: 'The value over the detection window' },
    expected: { ...num, description: 'Median of the reference windows' },
    lowerBound: num,
    upperBound: num,
    baseline: { enum: ['seasonal', 'daily', 'recent'] },
    referenceWindows: { type: 'integer' },
    windowStart: time,
    windowEnd: time,
    explanation: str,
    detectedAt: time,
    clearedAt: { ...time, type: ['string', 'null'] },
    clearedObserved: { type: ['number', 'null'] },
  },
};

/** OpenAPI 3.1 description of flow-watch's HTTP API. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'flow-watch',
    version: '1.0.0',
    description:
      'Anomalies of the business flow (orders per channel, stage latency, dead letters, Odoo sync ' +
      'delay) against seasonal baselines; each is also an event on ops.anomalies and a metric. ' +
      'See services/flow-watch/README.md.',
  },
  paths: {
    '/anomalies': {
      get: {
        summary: 'Anomalies, newest first: open ones (default) or all',
        parameters: [
          { name: 'state', in: 'query', schema: { enum: ['open', 'all'], default: 'open' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        ],
        responses: {
          200: {
            description: 'The anomalies',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    anomalies: { type: 'array', items: { $ref: '#/components/schemas/Anomaly' } },
                  },
                },
              },
            },
          },
          400: {
            description: 'Invalid query',
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Anomaly: anomaly,
      Problem: {
        type: 'object',
        properties: { type: str, title: str, status: { type: 'integer' }, detail: str },
      },
    },
  },
};
