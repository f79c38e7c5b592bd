import { z } from 'zod';
import { problems } from './problems';

export const CancelBody = z
  .object({
    reasonCode: z.string().min(1).max(64).default('CUSTOMER_REQUEST'),
    reasonText: z.string().max(1000).nullish(),
    cancelledBy: z.string().min(1).max(128).optional(),
  })
  .strict();

/** Parses a body or answers 400 with every issue and its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw problems.validation(
    parsed.error.issues.map((i) => ({
      path: i.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, ''),
      message: i.message,
    })),
  );
}
