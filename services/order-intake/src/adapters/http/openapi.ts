import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/order/types';
import { AliasBody } from './alias-routes';
import { ImportBody } from './import-body';
import { OrderBody } from './order-body';
import { CancelBody } from './parse-body';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const orderIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const channelParam = { name: 'code', in: 'path', required: true, schema: { type: 'string' } };
const aliasParams = [
  channelParam,
  { name: 'kind', in: 'path', required: true, schema: { enum: ['sku', 'customer'] } },
  { name: 'alias', in: 'path', required: true, schema: { type: 'string' } },
];
const plain = (summary: string) => ({ get: { summary, responses: { 200: json('OK') } } });

/** OpenAPI 3.1 description of the service; request bodies are generated from the zod schemas. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'order-intake', version: '1.0.0' },
  paths: {
    '/orders': {
      get: {
        summary:
          'Find orders: by channel and channel reference, or a page of a channel, a customer or all',
        description:
          'Newest first. A channel reference may match several orders: the rejected submissions and the one live order. Follow nextCursor (absent on the last page) for the next page.',
        parameters: [
          { name: 'channel', in: 'query', schema: { type: 'string' } },
          {
            name: 'channelOrderRef',
            in: 'query',
            description: 'needs channel',
            schema: { type: 'string' },
          },
          { name: 'customer', in: 'query', schema: { type: 'string' } },
          {
            name: 'status',
            in: 'query',
            schema: { enum: ORDER_STATUSES },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          200: json('{ orders: [summary without timeline], nextCursor? }'),
          400: problem('An unknown or invalid query parameter (every issue listed)'),
        },
      },
      post: {
        summary: 'Submit an order (validated against master data, then accepted or rejected)',
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(OrderBody, { io: 'input' }) } },
        },
        responses: {
          200: json('The same channel order is already live (another key): its id and status'),
          201: json('Accepted; replays carry the header Idempotent-Replayed: true'),
          400: problem('Missing Idempotency-Key or a body of the wrong shape'),
          409: problem('A request with this key is still in flight'),
          422: problem('Order rejected (reasons), or the key was used with another body'),
          503: problem(
            'A dependency (database, schema registry) is down: retry with the same key (Retry-After)',
          ),
        },
      },
    },
    '/orders/{id}': {
      get: {
        summary: 'Order status and its event timeline',
        description:
          'status: accepted, rejected, cancelled or imported (decided here; an imported order keeps it), then fulfilling, shipped, delivered or exception as downstream events arrive; progress sums shipments, invoices and payments; timeline lists every event of the order.',
        parameters: [orderIdParam],
        responses: { 200: json('The order'), 404: problem('No such order') },
      },
    },
    '/orders/{id}/cancel': {
      post: {
        summary: 'Cancel an accepted order before fulfillment starts',
        parameters: [orderIdParam],
        requestBody: {
          content: { 'application/json': { schema: z.toJSONSchema(CancelBody, { io: 'input' }) } },
        },
        responses: {
          200: json('Cancelled (or already was)'),
          404: problem('No such order'),
          409: problem('Not cancellable (rejected, imported from Odoo, or fulfillment started)'),
        },
      },
    },
    '/channels/{code}/aliases': {
      get: {
        summary: "A channel's aliases: its SKU and customer codes for Odoo's",
        parameters: [channelParam],
        responses: { 200: json('{ channelCode, aliases: [{ kind, alias, target, updatedAt }] }') },
      },
    },
    '/channels/{code}/aliases/{kind}/{alias}': {
      put: {
        summary:
          "Create or replace an alias: orders of this channel using `alias` mean Odoo's `target`",
        description:
          'kind is sku (a line SKU) or customer (customerRef). Aliases are resolved before validation, so accepted orders carry the Odoo code; the target is validated with the order (UNKNOWN_SKU, SKU_INACTIVE…).',
        parameters: aliasParams,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(AliasBody, { io: 'input' }) } },
        },
        responses: {
          200: json('Replaced'),
          201: json('Created'),
          400: problem('Unknown kind, or a blank or too long code'),
        },
      },
      delete: {
        summary: 'Remove an alias',
        parameters: aliasParams,
        responses: {
          204: { description: 'Removed' },
          400: problem('Unknown kind'),
          404: problem('No such alias'),
        },
      },
    },
    '/openapi.json': plain('This document'),
    '/livez': plain('Liveness'),
    '/readyz': {
      get: { summary: 'Readiness', responses: { 200: json('Ready'), 503: json('Not ready') } },
    },
    '/metrics': plain('Prometheus metrics'),
    '/admin/verify': plain('Per-order facts for the invariant checker (npm run verify)'),
    '/admin/imports/orders': {
      post: {
        summary: 'Import confirmed Odoo sale orders as platform orders (o2c-ops bootstrap)',
        description:
          "Each candidate is OrderImported without orderId and importedAt (plus refreshOnly and cancelledInOdoo, both default false), decided in its own transaction in request order. A platform order of the same (channelCode, channelOrderRef) makes it a duplicate (nothing written). An order imported before is refreshed, its master data not checked again: duplicate when its delivered and invoiced quantities, deliveries and invoices (by odooInvoiceId, with totals) equal the last published ones (nothing written); refreshed when they moved on (another OrderImported with the same orderId, Odoo's progress and a later importedAt, through the outbox); unmappable IMPORT_CONFLICT when they contradict it (a quantity or deliveries went down, an invoice vanished or changed, the lines, customer, warehouse, currency, total or sale order differ; nothing written). A refreshOnly candidate with no live order is skipped (nothing written). A cancelledInOdoo candidate (a sale order imported while open and cancelled in Odoo since) is skipped with no live order; cancelled when the order is still imported: OrderCancelled (reasonCode CHANNEL_CANCELLED, reasonText 'cancelled in Odoo (<sale order name>)', cancelledBy system) through the outbox and status cancelled in one transaction, preceded by another OrderImported when Odoo's progress moved on before the cancel (a contradiction is unmappable IMPORT_CONFLICT as for a refresh); duplicate when the order is already cancelled or is a platform order (nothing written). Otherwise a customer, SKU, unit, warehouse or currency the master data does not know (or has archived) makes it unmappable, with a submitted order's reason codes (nothing written, no event), else the order is stored with status imported and OrderImported goes to sales.orders through the outbox. An imported order cannot be cancelled through the platform (only by Odoo, through this route).",
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(ImportBody, { io: 'input' }) } },
        },
        responses: {
          200: json('One result per candidate, in request order', {
            $ref: '#/components/schemas/ImportResults',
          }),
          400: problem('A body of the wrong shape (every issue with its field path)'),
          503: problem(
            'A dependency is down: the candidates decided before it stay; retry the batch',
          ),
        },
      },
    },
  },
  components: {
    schemas: {
      ImportResults: {
        type: 'object',
        required: ['results'],
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['channelOrderRef', 'odooSaleOrderId', 'outcome', 'orderId', 'reasons'],
              properties: {
                channelOrderRef: { type: 'string' },
                odooSaleOrderId: { type: 'integer' },
                outcome: {
                  enum: [
                    'imported',
                    'refreshed',
                    'cancelled',
                    'duplicate',
                    'skipped',
                    'unmappable',
                  ],
                },
                orderId: {
                  type: ['string', 'null'],
                  description: 'null when unmappable or skipped',
                },
                reasons: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['code', 'message'],
                    properties: {
                      code: {
                        type: 'string',
                        description: 'UNKNOWN_SKU, UNKNOWN_CUSTOMER…, IMPORT_CONFLICT',
                      },
                      message: { type: 'string' },
                      lineNo: { type: 'integer', description: 'the line it concerns, if one' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string', description: 'urn:o2c:problem:*' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
        },
      },
    },
  },
};
