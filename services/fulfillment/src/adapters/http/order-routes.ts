import { allow } from '@o2c/http';
import { Router } from 'express';
import { z } from 'zod';
import { findOrder } from '../db/order-repository';
import { historyOf, shipmentsOfOrder } from '../db/shipment-repository';
import { recordReturn } from '../../app/returns/record-return';
import type { SagaDeps } from '../../app/saga-deps';
import { DomainError } from '../../domain';
import { problems } from './problems';

const ReturnBody = z.object({
  shipmentId: z.string().min(1),
  reasonCode: z.string().regex(/^[A-Z_]+$/, 'an upper-case code'),
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().positive(),
        quantity: z.number().positive(),
        condition: z.enum(['RESALEABLE', 'DAMAGED']),
      }),
    )
    .min(1),
});

/** Returns and the saga state per shipment. */
export function orderRoutes(deps: SagaDeps): Router {
  const router = Router();
  router.post('/orders/:orderId/returns', allow('returns:write'), async (req, res) => {
    const body = ReturnBody.safeParse(req.body);
    if (!body.success)
      throw problems.validation(
        body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const key = req.header('idempotency-key') || undefined;
    const result = await recordReturn(deps, req.params.orderId, body.data, key);
    if (result.replayed) res.setHeader('idempotent-replayed', 'true');
    res.status(201).json({ returnId: result.returnId });
  });

  router.get('/orders/:orderId/shipments', allow('orders:read'), async (req, res) => {
    const { orderId } = req.params;
    if (!(await findOrder(deps.db, orderId)))
      throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
    const shipments = await shipmentsOfOrder(deps.db, orderId);
    const history = await historyOf(
      deps.db,
      shipments.map((s) => s.shipmentId),
    );
    res.json({
      orderId,
      shipments: shipments.map((s) => ({
        ...s,
        history: history
          .filter((h) => h.shipment_id === s.shipmentId)
          .map((h) => ({ state: h.state, note: h.note, events: h.events, at: Number(h.at) })),
      })),
    });
  });
  return router;
}
