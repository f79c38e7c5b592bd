import { createHmac } from 'node:crypto';
import { equalsAny, HttpProblem, publicRoute, rawBodyOf } from '@o2c/http';
import type { Router } from 'express';
import { z } from 'zod';
import type { SupplierMessage } from '../db/purchase-messages';

const SupplierBody = z.object({
  eventId: z.string().min(1),
  purchaseId: z.string().min(1),
  status: z.enum(['confirmed', 'changed', 'refused']),
  supplierReference: z.string().min(1).optional(),
  datePlanned: z.iso.datetime({ offset: true }).optional(),
  lines: z
    .array(z.object({ lineNo: z.number().int().positive(), quantity: z.number().min(0) }))
    .optional(),
  reason: z.string().optional(),
});

export interface SupplierWebhookOptions {
  /** Any of them signs (several while one is rotated out). */
  secrets: readonly string[];
  /** How far X-Supplier-Timestamp may be from our clock, either way. */
  toleranceMs: number;
  receive: (message: SupplierMessage) => Promise<'stored' | 'duplicate' | 'unknown-purchase'>;
  /** Counts webhooks by the status answered. */
  onAnswer?: (status: number) => void;
  now?: () => number;
}

const problem = (status: number, slug: string, title: string, detail: string) =>
  new HttpProblem(status, `urn:o2c:problem:${slug}`, title, detail);

/** X-Supplier-Signature is the HMAC of `<X-Supplier-Timestamp>.<raw body>` (the carrier's scheme). */
const validSignature = (
  secrets: readonly string[],
  raw: Buffer | undefined,
  ts: string,
  header?: string,
) => {
  if (!raw || !header) return false;
  const sign = (secret: string) =>
    `sha256=${createHmac('sha256', secret).update(`${ts}.`).update(raw).digest('hex')}`;
  return equalsAny(header, secrets.map(sign));
};

/**
 * POST /webhooks/suppliers: a supplier's confirmation, change or refusal, signed like the
 * carriers' webhooks. 202 once stored (applied to Odoo afterwards), also for a duplicate eventId;
 * 401 for a bad signature or a timestamp outside the tolerance; 404 for an unknown purchase.
 */
export function supplierWebhookRoute(options: SupplierWebhookOptions) {
  const now = options.now ?? Date.now;
  return (api: Router) => {
    api.post(
      '/webhooks/suppliers',
      publicRoute('signed by the supplier (HMAC of its timestamp and body)'),
      async (req, res) => {
        const answer = (status: number) => options.onAnswer?.(status);
        const timestamp = req.header('x-supplier-timestamp') ?? '';
        const sentAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : NaN;
        if (!(Math.abs(now() - sentAt) <= options.toleranceMs)) {
          answer(401);
          throw problem(
            401,
            'stale-webhook',
            'Webhook timestamp outside the window',
            `X-Supplier-Timestamp (Unix seconds) must be within ${options.toleranceMs / 1000} s of our clock`,
          );
        }
        const signature = req.header('x-supplier-signature');
        if (!validSignature(options.secrets, rawBodyOf(req), timestamp, signature)) {
          answer(401);
          throw problem(
            401,
            'bad-signature',
            'Invalid supplier signature',
            'X-Supplier-Signature must be sha256=<hex HMAC of "<X-Supplier-Timestamp>.<raw body>">',
          );
        }
        const body = SupplierBody.safeParse(req.body);
        if (!body.success) {
          answer(400);
          throw new HttpProblem(
            400,
            'urn:o2c:problem:validation',
            'Invalid request body',
            undefined,
            {
              errors: body.error.issues.map((i) => ({
                path: i.path.join('.'),
                message: i.message,
              })),
            },
          );
        }
        const outcome = await options.receive(body.data);
        if (outcome === 'unknown-purchase') {
          answer(404);
          throw problem(
            404,
            'unknown-purchase',
            'Unknown purchase',
            `no purchase ${body.data.purchaseId}`,
          );
        }
        answer(202);
        res.status(202).json({ eventId: body.data.eventId, duplicate: outcome === 'duplicate' });
      },
    );
  };
}
