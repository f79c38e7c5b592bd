const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const orderIdParam = { name: 'orderId', in: 'path', required: true, schema: { type: 'string' } };
const purchaseIdParam = {
  name: 'purchaseId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
};
const plain = (summary: string) => ({ get: { summary, responses: { 200: json('OK') } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const int = { type: 'integer' };
const num = { type: 'number' };
const str = { type: 'string' };
const obj = (properties: Record<string, object>, extra: object = {}) => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
  ...extra,
});

/** Adds properties a schema may leave out. */
const withOptional = (schema: ReturnType<typeof obj>, properties: Record<string, object>) => ({
  ...schema,
  properties: { ...schema.properties, ...properties },
});

const qtyLine = { lineNo: int, sku: str, quantity: num, uom: str };

/** OpenAPI 3.1 description of invoicing's HTTP API. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'invoicing', version: '1.0.0' },
  paths: {
    '/orders/{orderId}/reconciliation': {
      get: {
        summary: 'Audit trail of an order: ordered, reserved, shipped, invoiced, credited, paid',
        parameters: [orderIdParam],
        responses: {
          200: json('The report; mismatches lists every discrepancy', ref('Reconciliation')),
          404: problem('Order unknown to invoicing'),
        },
      },
    },
    '/orders/{orderId}/invoices': {
      get: {
        summary: "The order's invoices with their lines",
        parameters: [orderIdParam],
        responses: {
          200: json(
            'Invoices',
            obj({ orderId: str, invoices: { type: 'array', items: ref('Invoice') } }),
          ),
          404: problem('Order unknown to invoicing'),
        },
      },
    },
    '/purchases/{purchaseId}/reconciliation': {
      get: {
        summary:
          'Three-way match of a purchase: ordered, confirmed, received and billed per line, its vendor bills with their decisions',
        parameters: [purchaseIdParam],
        responses: {
          200: json('The report', ref('PurchaseReconciliation')),
          404: problem('Purchase unknown to invoicing'),
        },
      },
    },
    '/admin/verify': {
      get: {
        summary: "The service's invariant violations and per-order facts for the platform checker",
        responses: { 200: json('Verification', ref('Verify')) },
      },
    },
    '/openapi.json': plain('This document'),
    '/livez': plain('Liveness'),
    '/readyz': {
      get: { summary: 'Readiness', responses: { 200: json('Ready'), 503: json('Not ready') } },
    },
    '/metrics': plain('Prometheus metrics'),
  },
  components: {
    schemas: {
      Invoice: obj({
        invoiceId: str,
        invoiceNumber: str,
        orderId: str,
        shipmentId: str,
        customerId: str,
        currency: str,
        lines: {
          type: 'array',
          items: obj({ ...qtyLine, unitPriceMinor: int, amountMinor: int, taxMinor: int }),
        },
        netMinor: int,
        taxMinor: int,
        totalMinor: int,
        taxRateBps: int,
        issuedAt: int,
        dueAt: int,
      }),
      Reconciliation: withOptional(
        obj({
          orderId: str,
          currency: str,
          cancelled: { type: 'boolean' },
          lines: {
            type: 'array',
            items: obj({
              lineNo: int,
              sku: str,
              uom: str,
              ordered: num,
              reserved: num,
              backordered: num,
              shipped: num,
              invoiced: num,
              credited: num,
            }),
          },
          totals: obj({
            orderedMinor: { ...int, description: 'Before tax, as ordered' },
            invoicedMinor: { ...int, description: 'Invoice totals, tax included' },
            creditedMinor: { ...int, description: 'Credit note totals, tax included' },
            paidMinor: int,
            outstandingMinor: int,
          }),
          invoices: { type: 'array', items: { type: 'object' } },
          payments: { type: 'array', items: { type: 'object' } },
          mismatches: {
            type: 'array',
            items: obj(
              { code: str, message: str },
              { properties: { code: str, lineNo: int, message: str } },
            ),
          },
        }),
        {
          importedInvoices: {
            type: 'array',
            description: 'Only for an order imported from Odoo: the invoices Odoo had posted',
            items: obj({
              odooInvoiceId: int,
              name: str,
              orderId: str,
              currency: str,
              totalMinor: int,
              paidMinor: int,
              outstandingMinor: int,
              status: str,
            }),
          },
        },
      ),
      PurchaseReconciliation: obj({
        purchaseId: str,
        odooReference: str,
        supplierCode: str,
        warehouseCode: str,
        currency: str,
        status: { type: 'string', enum: ['PLACED', 'CONFIRMED', 'REFUSED'] },
        refuseReason: { type: ['string', 'null'] },
        lines: {
          type: 'array',
          items: obj({
            lineNo: int,
            sku: str,
            uom: str,
            ordered: num,
            confirmed: { type: ['number', 'null'], description: 'As the supplier confirmed it' },
            received: num,
            billed: { ...num, description: 'By matched bills' },
            orderedPriceMinor: int,
            billedPriceMinor: { type: ['integer', 'null'], description: 'Last matched bill' },
          }),
        },
        bills: {
          type: 'array',
          items: obj({
            odooBillId: str,
            billReference: { type: ['string', 'null'] },
            currency: str,
            amountUntaxedMinor: int,
            recordedAt: int,
            decidedAt: int,
            decision: { type: 'string', enum: ['MATCHED', 'MISMATCHED'] },
            open: {
              type: 'boolean',
              description: 'A mismatch no later matched bill of the purchase superseded',
            },
            mismatches: {
              type: 'array',
              items: obj({
                lineNo: int,
                sku: str,
                kind: { type: 'string', enum: ['QUANTITY', 'PRICE', 'NOT_ORDERED'] },
                orderedQuantity: num,
                receivedQuantity: num,
                billedQuantity: num,
                orderedPriceMinor: int,
                billedPriceMinor: int,
              }),
            },
            lines: {
              type: 'array',
              items: obj({ ...qtyLine, unitPriceMinor: int }),
            },
          }),
        },
        totals: obj({
          orderedMinor: {
            ...int,
            description: 'Confirmed (else ordered) quantities at order prices',
          },
          receivedMinor: int,
          billedMinor: { ...int, description: 'Untaxed totals of the matched bills' },
          mismatchedMinor: { ...int, description: 'Untaxed totals of the open mismatched bills' },
        }),
      }),
      Verify: obj({
        service: str,
        checkedAt: int,
        violations: {
          type: 'array',
          items: obj({ check: str, orderId: { type: ['string', 'null'] }, message: str }),
        },
        orders: { type: 'object', additionalProperties: { type: 'object' } },
        tolerancePercent: num,
        purchases: {
          type: 'object',
          description: 'Per purchase id: lines (ordered, received, billed by matched bills), bills',
          additionalProperties: { type: 'object' },
        },
      }),
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string', description: 'urn:o2c:problem:*' },
          title: str,
          status: int,
          detail: str,
          instance: str,
        },
      },
    },
  },
};
