const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { type: 'object' } } },
});
const str = { type: 'string' };

/** OpenAPI paths of the purchasing routes (merged into openapi.ts). */
export const purchaseOpenApiPaths = {
  '/webhooks/suppliers': {
    post: {
      summary:
        "A supplier's answer to a purchase order (confirmed as ordered, changed, or refused), stored and then applied to Odoo",
      parameters: [
        {
          name: 'X-Supplier-Timestamp',
          in: 'header',
          required: true,
          description: 'Unix seconds; refused beyond SUPPLIER_WEBHOOK_TOLERANCE_MS of our clock',
          schema: str,
        },
        {
          name: 'X-Supplier-Signature',
          in: 'header',
          required: true,
          description:
            'sha256=<hex HMAC-SHA256 of "<X-Supplier-Timestamp>.<raw body>"> with SUPPLIER_WEBHOOK_SECRET',
          schema: str,
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['eventId', 'purchaseId', 'status'],
              properties: {
                eventId: { ...str, description: 'Duplicates are acknowledged and ignored' },
                purchaseId: str,
                status: { type: 'string', enum: ['confirmed', 'changed', 'refused'] },
                supplierReference: str,
                datePlanned: { type: 'string', format: 'date-time' },
                lines: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['lineNo', 'quantity'],
                    properties: {
                      lineNo: { type: 'integer', minimum: 1 },
                      quantity: { type: 'number', minimum: 0 },
                    },
                  },
                },
                reason: str,
              },
            },
          },
        },
      },
      responses: {
        202: {
          description: 'Stored (applied to Odoo afterwards), or a duplicate eventId',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { eventId: str, duplicate: { type: 'boolean' } },
              },
            },
          },
        },
        400: problem('Invalid body'),
        401: problem('Bad signature, or a timestamp outside the tolerance'),
        404: problem('Unknown purchaseId'),
      },
    },
  },
};
