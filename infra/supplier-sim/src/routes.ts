import { Router, type Response } from 'express';
import { z } from 'zod';
import { BehaviourBody, PurchaseOrderBody } from './behaviour';
import type { SupplierState } from './supplier-state';
import type { WebhookSender } from './webhook-sender';

const invalid = (res: Response, code: string, error: z.ZodError) =>
  res.status(400).json({ code, message: z.prettifyError(error) });

/**
 * The suppliers' API: POST /purchase-orders → 202 (503 while the supplier's failFirst lasts),
 * then the answer its behaviour gives, signed, to the order's callbackUrl. A repeated post of a
 * purchase is answered 202 again and answered to only once.
 */
export function supplierRoutes(
  state: SupplierState,
  webhooks: WebhookSender,
  answerAfterMs: number,
): Router {
  const router = Router();
  router.post('/purchase-orders', (req, res) => {
    const body = PurchaseOrderBody.safeParse(req.body);
    if (!body.success) return void invalid(res, 'BAD_PURCHASE_ORDER', body.error);
    const order = body.data;
    if (state.failsNow(order.supplierCode)) {
      res.status(503).json({ code: 'SUPPLIER_UNAVAILABLE', message: 'failFirst injected' });
      return;
    }
    const { record, repeat } = state.receive(order);
    if (!repeat) {
      const delivery = state.answer(record);
      if (delivery) webhooks.send(order.callbackUrl, delivery, answerAfterMs);
    }
    res.status(202).json({ purchaseId: order.purchaseId, repeat });
  });
  return router;
}

/** The test control API under /__sim (400 with { code, message } on a bad body). */
export function controlRoutes(state: SupplierState, webhooks: WebhookSender): Router {
  const router = Router();
  router.post('/__sim/suppliers/:code/behaviour', (req, res) => {
    const body = BehaviourBody.safeParse(req.body);
    if (!body.success) return void invalid(res, 'BAD_CONTROL_BODY', body.error);
    res.json({ supplierCode: req.params.code, ...state.setBehaviour(req.params.code, body.data) });
  });
  router.get('/__sim/suppliers/:code/behaviour', (req, res) => {
    res.json({ supplierCode: req.params.code, ...state.behaviourOf(req.params.code) });
  });
  router.get('/__sim/purchase-orders', (_req, res) => {
    res.json(state.list());
  });
  router.post('/__sim/reset', (_req, res) => {
    webhooks.cancelAll();
    state.reset();
    res.json({ ok: true });
  });
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
