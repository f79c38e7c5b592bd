import { createHmac } from 'node:crypto';
import { equalsAny, publicRoute, rawBodyOf } from '@o2c/http';
import { Router } from 'express';
import { z } from 'zod';
import { applyMilestone } from '../../app/webhooks/apply-milestone';
import type { SagaDeps } from '../../app/saga-deps';
import { problems } from './problems';

const MilestoneBody = z.object({
  carrier: z.string().min(1),
  trackingNumber: z.string().min(1),
  reference: z.string().min(1),
  milestone: z.enum(['picked_up', 'delivered']),
  occurredAt: z.number().int(),
  receivedBy: z.string().optional(),
});

export interface WebhookSigning {
  /** Any of them signs (several while one is rotated out). */
  secrets: readonly string[];
  /** How far X-Carrier-Timestamp may be from our clock, either way. */
  toleranceMs: number;
}

/** X-Carrier-Signature is the HMAC of `<X-Carrier-Timestamp>.<raw body>` with one of the secrets. */
const validSignature = (
  secrets: readonly string[],
  raw: Buffer | undefined,
  timestamp: string,
  header: string | undefined,
) => {
  if (!raw || !header) return false;
  const sign = (secret: string) =>
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`;
  return equalsAny(header, secrets.map(sign));
};

/**
 * POST /carrier-webhooks/:carrierCode: milestones signed with any of the secrets, with a
 * timestamp inside the tolerance window (a captured request cannot be replayed later); 204 once
 * committed (or a repeat).
 */
export function webhookRoutes(deps: SagaDeps, signing: WebhookSigning): Router {
  const router = Router();
  router.post(
    '/carrier-webhooks/:carrierCode',
    publicRoute('signed by the carrier (HMAC of its timestamp and body)'),
    async (req, res) => {
      const { carrierCode } = req.params;
      const timestamp = req.header('x-carrier-timestamp') ?? '';
      const sentAt = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : NaN;
      if (!(Math.abs(deps.now() - sentAt) <= signing.toleranceMs))
        throw problems.staleTimestamp(signing.toleranceMs);
      const signature = req.header('x-carrier-signature');
      if (!validSignature(signing.secrets, rawBodyOf(req), timestamp, signature))
        throw problems.badSignature();
      if (!deps.policy.carriers.includes(carrierCode)) throw problems.unknownCarrier(carrierCode);
      const body = MilestoneBody.safeParse(req.body);
      if (!body.success)
        throw problems.validation(
          body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      if (body.data.carrier !== carrierCode) throw problems.unknownCarrier(body.data.carrier);
      const result = await applyMilestone(deps, body.data);
      deps.logger.info({ ...body.data, result }, 'carrier milestone');
      res.status(204).end();
    },
  );
  return router;
}
