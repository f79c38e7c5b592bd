import { ProposalFactsSchema, replenishmentPaths } from './replenishment-openapi';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
const num = { type: 'number' };
const str = { type: 'string' };
const byLine = { type: 'object', additionalProperties: num };

const Position = {
  type: 'object',
  required: ['sku', 'warehouseCode', 'onHand', 'reserved', 'availableToPromise', 'uom'],
  properties: {
    sku: str,
    warehouseCode: str,
    onHand: num,
    reserved: num,
    availableToPromise: { ...num, description: 'onHand − reserved, never below 0' },
    uom: { ...str, description: "the SKU's base unit" },
  },
};
const Drift = {
  type: 'object',
  properties: {
    sku: str,
    warehouseCode: str,
    expectedOnHand: num,
    odooOnHand: num,
    drift: num,
    uom: str,
  },
};

/** OpenAPI 3.1 description of inventory-sync's HTTP API. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'inventory-sync', version: '1.0.0' },
  paths: {
    '/availability': {
      get: {
        summary:
          'Stock positions with available-to-promise, optionally for one SKU and/or warehouse',
        parameters: [
          { name: 'sku', in: 'query', required: false, schema: str },
          { name: 'warehouse', in: 'query', required: false, schema: str },
        ],
        responses: {
          200: json('Positions', {
            type: 'object',
            properties: { positions: { type: 'array', items: Position } },
          }),
          400: problem('Malformed or unknown query parameters'),
        },
      },
    },
    '/reconciliations': {
      post: {
        summary: "Reconcile every position with Odoo's live stock now; drifts are corrected",
        responses: {
          200: json('The run', {
            type: 'object',
            properties: { runId: str, checked: num, drifts: { type: 'array', items: Drift } },
          }),
          409: problem(
            'Odoo reports stock in a unit not known here (urn:o2c:problem:unknown-uom): nothing changed',
          ),
          503: problem('odoo-adapter unreachable: nothing changed'),
        },
      },
    },
    '/admin/verify': {
      get: {
        summary: "This service's invariant violations and per-order facts for the checker",
        responses: {
          200: json('Verification', {
            type: 'object',
            properties: {
              service: str,
              checkedAt: num,
              violations: { type: 'array', items: { type: 'object' } },
              orders: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: {
                    reservedByLine: byLine,
                    backorderedByLine: byLine,
                    releasedByLine: byLine,
                    consumedByLine: byLine,
                  },
                },
              },
              proposals: ProposalFactsSchema,
            },
          }),
        },
      },
    },
    ...replenishmentPaths,
    '/openapi.json': { get: { summary: 'This document', responses: { 200: json('OpenAPI', {}) } } },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: { type: str, title: str, status: num, detail: str, instance: str },
      },
    },
  },
};
