import { HttpProblem } from '@o2c/http';
import type { z } from 'zod';

const pathOf = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');

export const problems = {
  subscriptionNotFound: (id: string) =>
    new HttpProblem(
      404,
      'urn:o2c:problem:subscription-not-found',
      'Subscription not found',
      `no webhook subscription ${id}`,
    ),
  deliveryNotFound: (id: string) =>
    new HttpProblem(
      404,
      'urn:o2c:problem:delivery-not-found',
      'Delivery not found',
      `no webhook delivery ${id}`,
    ),
};

/** Parses a body or query, or answers 400 with every issue and its path. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(400, 'urn:o2c:problem:validation', `Invalid ${what}`, undefined, {
    errors: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: pathOf([...issue.path, key]),
            message: 'unknown field',
          }))
        : [{ path: pathOf(issue.path), message: issue.message }],
    ),
  });
}
