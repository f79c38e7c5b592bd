import { HttpProblem } from '@o2c/http';
import { z } from 'zod';
import type { ReplenishmentRule } from '../../domain/replenishment/rule';
import { PROPOSAL_STATUSES } from '../../domain/replenishment/proposal';

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');
const quantity = z.number().finite().min(0);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const common = {
  supplierCode: code,
  packSize: z.number().finite().positive().default(1),
  leadTimeDays: z.number().int().min(0).max(3650),
  unitCostMinor: minor,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  minOrderValueMinor: minor.default(0),
};

/** PUT /replenishment/rules/{warehouseCode}/{sku}: quantities in the SKU's base unit. */
export const RuleBody = z.discriminatedUnion('policy', [
  z
    .object({ policy: z.literal('MIN_MAX'), min: quantity, max: quantity.positive(), ...common })
    .strict()
    .refine((r) => r.max >= r.min, { path: ['max'], message: 'max must be at least min' }),
  z
    .object({
      policy: z.literal('REORDER_POINT'),
      reorderPoint: quantity,
      reorderQuantity: quantity.positive(),
      ...common,
    })
    .strict(),
]);
export type RuleBody = z.infer<typeof RuleBody>;

export const RuleParams = z.object({ warehouseCode: code, sku: code });
export const ProposalParams = z.object({ id: z.uuid() });
export const ProposalQuery = z.object({ status: z.enum(PROPOSAL_STATUSES).optional() }).strict();
export const RejectBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const ruleOfBody = (
  params: z.infer<typeof RuleParams>,
  body: RuleBody,
): Omit<ReplenishmentRule, 'uom'> => {
  const { policy, supplierCode, packSize, leadTimeDays, unitCostMinor, currency } = body;
  const [low, high] =
    body.policy === 'MIN_MAX' ? [body.min, body.max] : [body.reorderPoint, body.reorderQuantity];
  return {
    ...params,
    policy,
    supplierCode,
    packSize,
    leadTimeDays,
    unitCostMinor,
    currency,
    minOrderValueMinor: body.minOrderValueMinor,
    low,
    high,
  };
};

/** A rule as the API shows it: the policy's own names for its two numbers. */
export const ruleView = ({ low, high, ...rule }: ReplenishmentRule) => ({
  ...rule,
  ...(rule.policy === 'MIN_MAX'
    ? { min: low, max: high }
    : { reorderPoint: low, reorderQuantity: high }),
});

/** 422 with one entry per field, as problem+json. */
export function invalid(title: string, error: z.ZodError): HttpProblem {
  return new HttpProblem(422, 'urn:o2c:problem:validation', title, undefined, {
    errors: error.issues.map((i) => ({
      path: i.path.join('.') || '(body)',
      message: i.message,
    })),
  });
}

/** Parses or throws the 422 problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, title: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(title, parsed.error);
  return parsed.data;
}
