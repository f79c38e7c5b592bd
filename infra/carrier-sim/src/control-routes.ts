import { Router, type Response } from 'express';
import { z } from 'zod';
import type { CarrierState } from './carrier-state';
import { FaultRuleBody } from './faults';

const MilestonesBody = z
  .object({
    pickedUpAfterMs: z.number().int().min(0),
    deliveredAfterMs: z.number().int().min(0),
    hold: z.boolean(),
  })
  .partial();

/** The test control API under /__carrier (400 with { code, message } on a bad body). */
export function controlRoutes(state: CarrierState, hung: Set<Response>): Router {
  const router = Router();
  const invalid = (res: Response, error: z.ZodError) =>
    res.status(400).json({ code: 'BAD_CONTROL_BODY', message: z.prettifyError(error) });

  router.post('/__carrier/reset', (_req, res) => {
    for (const h of hung) h.socket?.destroy();
    hung.clear();
    state.reset();
    res.json({ ok: true });
  });
  router.get('/__carrier/faults', (_req, res) => {
    res.json(state.faults.list());
  });
  router.post('/__carrier/faults', (req, res) => {
    const body = FaultRuleBody.safeParse(req.body);
    if (!body.success) return void invalid(res, body.error);
    if (!state.carriers.includes(body.data.carrier)) {
      res.status(400).json({ code: 'UNKNOWN_CARRIER', message: body.data.carrier });
      return;
    }
    res.status(201).json(state.faults.add(body.data));
  });
  router.delete('/__carrier/faults', (_req, res) => {
    state.faults.clear();
    res.json({ ok: true });
  });
  router.post('/__carrier/milestones', (req, res) => {
    const body = MilestonesBody.safeParse(req.body);
    if (!body.success) return void invalid(res, body.error);
    res.json(state.setPlan(body.data));
  });
  router.post('/__carrier/shipments/:trackingNumber/advance', (req, res) => {
    const s = state.find(undefined, req.params.trackingNumber);
    if (!s) {
      res.status(404).json({ code: 'SHIPMENT_NOT_FOUND', message: 'no such shipment' });
      return;
    }
    if (!state.advance(s.trackingNumber)) {
      res.status(409).json({ code: 'NO_NEXT_MILESTONE', message: `shipment is ${s.status}` });
      return;
    }
    res.json({ trackingNumber: s.trackingNumber, status: s.status, milestones: s.milestones });
  });
  router.get('/__carrier/state', (_req, res) => {
    res.json(state.snapshot());
  });
  return router;
}
