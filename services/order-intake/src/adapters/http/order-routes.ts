import { allow } from '@o2c/http';
import { Router, type Response } from 'express';
import { cancelOrder } from '../../app/order/cancel-order';
import type { OrderDeps } from '../../app/order/order-deps';
import { submitOrder } from '../../app/order/submit-order';
import { isLiveChannelRefConflict, readOrderView } from '../db/order-repository';
import { claimKey, completeKey, releaseKey, type StoredResponse } from './idempotency-store';
import { OrderBody, toSubmitOrder } from './order-body';
import { CancelBody, parseBody } from './parse-body';
import { problems } from './problems';
import { requestHash } from './request-hash';
import { submitResponse } from './submit-response';

export const REPLAY_HEADER = 'Idempotent-Replayed';

const send = (res: Response, r: StoredResponse, replayed: boolean) => {
  const { orderId } = (r.body ?? {}) as { orderId?: string };
  if (r.status === 201 && orderId) res.location(`/orders/${orderId}`);
  if (replayed) res.setHeader(REPLAY_HEADER, 'true');
  res.status(r.status).type(r.contentType).send(JSON.stringify(r.body));
};

export function orderRoutes(deps: OrderDeps & { idempotencyStaleMs: number }): Router {
  const router = Router();
  const { db } = deps;

  router.post('/orders', allow('orders:write'), async (req, res) => {
    const key = req.get('idempotency-key');
    if (!key || key.length > 255) throw problems.keyMissing();
    const receivedAt = deps.now();
    const command = toSubmitOrder(parseBody(OrderBody, req.body), key, receivedAt);
    const hash = requestHash('POST', '/orders', req.body);
    const claim = await claimKey(db, key, hash, deps.idempotencyStaleMs);
    if (claim.kind === 'mismatch') throw problems.keyReused();
    if (claim.kind === 'in-flight') throw problems.inFlight();
    if (claim.kind === 'replay') return send(res, claim.response, true);
    try {
      // A concurrent submission of the same channel ref may win the unique index: decide again.
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await db.transaction(async (trx) => {
            const decided = await submitOrder(trx, command, deps);
            const response = submitResponse(decided);
            await completeKey(trx, key, response);
            return { outcome: decided.outcome, response };
          });
          deps.onDecided?.('rest', result.outcome);
          return send(res, result.response, false);
        } catch (error) {
          if (attempt >= 3 || !isLiveChannelRefConflict(error)) throw error;
        }
      }
    } catch (error) {
      await releaseKey(db, key);
      throw error;
    }
  });

  router.get('/orders/:id', allow('orders:read'), async (req, res) => {
    const view = await readOrderView(db, req.params.id);
    if (!view) throw problems.orderNotFound(req.params.id);
    res.json(view);
  });

  router.post('/orders/:id/cancel', allow('orders:write'), async (req, res) => {
    const body = parseBody(CancelBody, req.body ?? {});
    const orderId = req.params.id;
    const cancelled = await db.transaction((trx) =>
      cancelOrder(
        trx,
        {
          type: 'CancelOrder',
          data: { orderId, ...body, cancelledBy: body.cancelledBy ?? 'rest' },
        },
        deps,
      ),
    );
    res.status(200).json({ orderId, status: 'cancelled', alreadyCancelled: !cancelled });
  });

  return router;
}
