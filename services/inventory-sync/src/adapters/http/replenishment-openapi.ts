const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const json = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
const num = { type: 'number' };
const int = { type: 'integer' };
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const statuses = ['PENDING_APPROVAL', 'APPROVED', 'ORDERED', 'RECEIVED', 'REJECTED', 'REFUSED'];

const ruleCommon = {
  supplierCode: { ...str, description: "The supplier partner's ref in Odoo, e.g. SUP-001" },
  packSize: { ...num, description: 'Bought in whole packs of this many base units (default 1)' },
  leadTimeDays: int,
  unitCostMinor: { ...int, description: 'Per base unit, in minor units of currency' },
  currency: { ...str, description: 'ISO 4217' },
  minOrderValueMinor: {
    ...int,
    description: 'The quantity is raised, in packs, to reach this value (default 0)',
  },
};
const RuleBody = {
  description: "Quantities in the SKU's base unit",
  oneOf: [
    {
      type: 'object',
      required: [
        'policy',
        'min',
        'max',
        'supplierCode',
        'leadTimeDays',
        'unitCostMinor',
        'currency',
      ],
      properties: {
        policy: { const: 'MIN_MAX', description: 'When projected ≤ min, buy up to max' },
        min: num,
        max: num,
        ...ruleCommon,
      },
    },
    {
      type: 'object',
      required: [
        'policy',
        'reorderPoint',
        'reorderQuantity',
        'supplierCode',
        'leadTimeDays',
        'unitCostMinor',
        'currency',
      ],
      properties: {
        policy: {
          const: 'REORDER_POINT',
          description:
            'When projected ≤ reorderPoint, buy reorderQuantity (at least the backorders)',
        },
        reorderPoint: num,
        reorderQuantity: num,
        ...ruleCommon,
      },
    },
  ],
};
const Rule = {
  type: 'object',
  description: 'The rule as stored; projected = onHand − reserved − backordered + incoming',
  properties: { sku: str, warehouseCode: str, uom: str, ...RuleBody.oneOf[0]!.properties },
};
const Proposal = {
  type: 'object',
  description: 'ReplenishmentProposed with its status and decision',
  properties: {
    proposalId: str,
    sku: str,
    warehouseCode: str,
    supplierCode: str,
    quantity: num,
    uom: str,
    unitCostMinor: int,
    currency: str,
    valueMinor: int,
    reason: { enum: ['REORDER_POINT', 'BACKORDERS'] },
    onHand: num,
    reserved: num,
    backordered: num,
    incoming: num,
    leadTimeDays: int,
    approval: { enum: ['AUTO', 'REQUIRED'] },
    proposedAt: int,
    status: { enum: statuses },
    decidedBy: nullableStr,
    decidedAt: { type: ['integer', 'null'] },
    neededBy: { type: ['integer', 'null'], description: 'approvedAt + leadTimeDays' },
    purchaseId: nullableStr,
    statusReason: { ...nullableStr, description: "The rejection's or the refusal's reason" },
  },
};
const ruleKey = [
  { name: 'warehouseCode', in: 'path', required: true, schema: str },
  { name: 'sku', in: 'path', required: true, schema: str },
];
const proposalId = [{ name: 'id', in: 'path', required: true, schema: str }];

/** The replenishment part of inventory-sync's OpenAPI document. */
export const replenishmentPaths = {
  '/replenishment/rules': {
    get: {
      summary: 'Every replenishment rule',
      responses: {
        200: json('Rules', {
          type: 'object',
          properties: { rules: { type: 'array', items: Rule } },
        }),
      },
    },
  },
  '/replenishment/rules/{warehouseCode}/{sku}': {
    put: {
      summary: 'Create or replace the rule of one SKU in one warehouse (scope replenishment:write)',
      parameters: ruleKey,
      requestBody: { required: true, content: { 'application/json': { schema: RuleBody } } },
      responses: {
        200: json('The rule', Rule),
        422: problem('Invalid body (errors per field), or an unknown SKU or warehouse'),
      },
    },
    delete: {
      summary: 'Delete the rule (scope replenishment:write)',
      parameters: ruleKey,
      responses: { 204: { description: 'Deleted' }, 404: problem('No such rule') },
    },
  },
  '/replenishment/run': {
    post: {
      summary: 'Plan every rule now (as the timer does); returns what it proposed',
      responses: {
        200: json('The run', {
          type: 'object',
          properties: {
            proposals: { type: 'array', items: Proposal },
            skipped: { type: 'array', items: { type: 'object' } },
          },
        }),
      },
    },
  },
  '/replenishment/proposals': {
    get: {
      summary: 'Proposals, newest first, optionally of one status',
      parameters: [{ name: 'status', in: 'query', required: false, schema: { enum: statuses } }],
      responses: {
        200: json('Proposals', {
          type: 'object',
          properties: { proposals: { type: 'array', items: Proposal } },
        }),
        422: problem('Unknown status'),
      },
    },
  },
  '/replenishment/proposals/{id}': {
    get: {
      summary: 'One proposal',
      parameters: proposalId,
      responses: { 200: json('The proposal', Proposal), 404: problem('No such proposal') },
    },
  },
  '/replenishment/proposals/{id}/approve': {
    post: {
      summary:
        'Approve a pending proposal (scope replenishment:approve; approver = the API client)',
      parameters: proposalId,
      responses: {
        200: json('The approved proposal', Proposal),
        404: problem('No such proposal'),
        409: problem('Not PENDING_APPROVAL'),
      },
    },
  },
  '/replenishment/proposals/{id}/reject': {
    post: {
      summary: 'Reject a pending proposal with a reason (scope replenishment:approve)',
      parameters: proposalId,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['reason'], properties: { reason: str } },
          },
        },
      },
      responses: {
        200: json('The rejected proposal', Proposal),
        404: problem('No such proposal'),
        409: problem('Not PENDING_APPROVAL'),
        422: problem('No reason'),
      },
    },
  },
};

/** verify's `proposals` object. */
export const ProposalFactsSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: {
      status: { enum: statuses },
      sku: str,
      warehouseCode: str,
      purchaseId: nullableStr,
      reason: { ...nullableStr, description: 'Why still open, or why it ended without stock' },
    },
  },
};
