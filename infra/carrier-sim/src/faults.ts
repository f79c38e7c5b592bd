import { z } from 'zod';

export const FaultRuleBody = z.object({
  carrier: z.string().min(1),
  /**
   * reject → 422 ADDRESS_UNDELIVERABLE; unavailable → 503; timeout → the request never answers
   * (nothing booked); timeout_after_booking → booked, then never answers (a lost response).
   */
  mode: z.enum(['reject', 'unavailable', 'timeout', 'timeout_after_booking']),
  times: z.number().int().positive().optional(),
  match: z.object({ postalCode: z.string().optional() }).strict().optional(),
});

export type FaultRule = z.infer<typeof FaultRuleBody> & { id: number; remaining: number | null };

/** Fault rules for booking requests, matched in insertion order; `times` counts matches. */
export function createFaults() {
  let rules: FaultRule[] = [];
  let nextId = 1;
  return {
    add(body: z.infer<typeof FaultRuleBody>): FaultRule {
      const rule = { ...body, id: nextId++, remaining: body.times ?? null };
      rules.push(rule);
      return rule;
    },
    list: () => rules.map((r) => ({ ...r })),
    clear() {
      rules = [];
    },
    /** The first live rule matching this booking; consumes one of its `times`. */
    take(carrier: string, postalCode: string): FaultRule | undefined {
      const rule = rules.find(
        (r) =>
          r.carrier === carrier &&
          (r.remaining === null || r.remaining > 0) &&
          (r.match?.postalCode === undefined || r.match.postalCode === postalCode),
      );
      if (rule && rule.remaining !== null) rule.remaining -= 1;
      return rule;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
