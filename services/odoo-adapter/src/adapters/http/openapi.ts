import { purchaseOpenApiPaths } from './purchase-openapi';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { type: 'object' } } },
});
const str = { type: 'string' };
const num = { type: 'number' };
const mode = { type: 'string', enum: ['live', 'shadow'] };

/** OpenAPI 3.1 of odoo-adapter's own routes (probes, metrics and security come from the host). */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'odoo-adapter', version: '1.0.0' },
  paths: {
    '/odoo/stock': {
      get: {
        summary:
          "Odoo's live stock of the configured company, summed per SKU and warehouse over internal locations, in canonical codes (inventory-sync's reconciliation)",
        responses: {
          200: {
            description: 'Stock rows',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: [
                      'sku',
                      'warehouseCode',
                      'quantityOnHand',
                      'uom',
                      'odooWriteDate',
                      'readAt',
                    ],
                    properties: {
                      sku: str,
                      warehouseCode: str,
                      quantityOnHand: num,
                      uom: str,
                      odooWriteDate: { type: 'integer', description: 'epoch ms' },
                      readAt: {
                        type: 'integer',
                        description: "epoch ms, the adapter's clock: when it started reading Odoo",
                      },
                    },
                  },
                },
              },
            },
          },
          503: problem('Odoo cannot be read (down, circuit open)'),
        },
      },
    },
    '/webhooks/odoo/{token}': {
      post: {
        summary:
          'Odoo\'s automation rule "Send Webhook Notification": the record is re-read from Odoo, the body is only a hint',
        parameters: [
          {
            name: 'token',
            in: 'path',
            required: true,
            description: 'ODOO_WEBHOOK_TOKEN (present only when it is set)',
            schema: str,
          },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['_model', '_id'],
                properties: { _model: str, _id: { type: 'integer' } },
              },
            },
          },
        },
        responses: {
          202: { description: 'The re-read change is committed to the outbox' },
          404: problem('Wrong token'),
          422: problem('A model the adapter does not follow, or no integer _id'),
        },
      },
    },
    ...purchaseOpenApiPaths,
    '/channels/modes': {
      get: {
        summary:
          "Each channel's Odoo write mode (live: the adapter writes; shadow: it only compares with what the existing integration wrote), the default, orders pinned to each mode and pending shadow checks. Modes change through o2c-ops cutover.",
        responses: {
          200: {
            description: 'Channel modes',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['defaultMode', 'channels'],
                  properties: {
                    defaultMode: mode,
                    channels: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: [
                          'channelCode',
                          'mode',
                          'source',
                          'pinnedOrders',
                          'pendingChecks',
                          'importedOrders',
                        ],
                        properties: {
                          channelCode: str,
                          mode,
                          source: { type: 'string', enum: ['channel_modes', 'default'] },
                          changedAt: { type: ['string', 'null'], format: 'date-time' },
                          changedBy: { type: ['string', 'null'] },
                          reason: { type: ['string', 'null'] },
                          pinnedOrders: {
                            type: 'object',
                            properties: { live: num, shadow: num },
                          },
                          pendingChecks: num,
                          importedOrders: {
                            type: 'integer',
                            description:
                              'Orders bootstrap imported from Odoo (pinned to shadow, never written by the adapter)',
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
