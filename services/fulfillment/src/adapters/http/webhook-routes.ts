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

/** Signed with any of `secrets` (several while one is rotated out). */
const validSignature = (
  secrets: readonly string[],
  raw: Buffer | undefined,
  header: string | undefined,
) => {
  if (!raw || !header) return false;
  const sign = (secret: string) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return equalsAny(header, secrets.map(sign));
};

/**
 * POST /carrier-webhooks/:carrierCode: milestones signed with any of `secrets`; 204 once
 * committed (or a repeat).
 */
export function webhookRoutes(deps: SagaDeps, secrets: readonly string[]): Router {
  const router = Router();
  router.post(
    '/carrier-webhooks/:carrierCode',
    publicRoute('signed by the carrier (HMAC of the body)'),
    async (req, res) => {
      const { carrierCode } = req.params;
      if (!validSignature(secrets, rawBodyOf(req), req.header('x-carrier-signature')))
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
