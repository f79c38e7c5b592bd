import { z } from 'zod';
import { problems } from './problems';

export const CancelBody = z
  .object({
    reasonCode: z.string().min(1).max(64).default('CUSTOMER_REQUEST'),
    reasonText: z.string().max(1000).nullish(),
    cancelledBy: z.string().min(1).max(128).optional(),
  })
  .strict();

const pathOf = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');

/** Parses a body or answers 400 with every issue and its path (unknown fields one by one). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw problems.validation(
    parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: pathOf([...issue.path, key]),
            message: 'unknown field',
          }))
        : [{ path: pathOf(issue.path), message: issue.message }],
    ),
  );
}
