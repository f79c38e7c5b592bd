import { Router, type Response } from 'express';
import { BookingBody, validationError } from './booking-body';
import type { CarrierState } from './carrier-state';

/** The carrier API every simulated carrier serves under /carriers/:code/v1. */
export function carrierRoutes(state: CarrierState, hung: Set<Response>): Router {
  const router = Router();

  router.use('/carriers/:code', (req, res, next) => {
    if (state.carriers.includes(req.params.code)) return next();
    res.status(404).json({ code: 'UNKNOWN_CARRIER', message: `no carrier ${req.params.code}` });
  });

  router.post('/carriers/:code/v1/shipments', (req, res) => {
    const carrier = req.params.code;
    state.countCall(carrier, 'book');
    const key = req.header('idempotency-key');
    if (!key) {
      res
        .status(400)
        .json({ code: 'IDEMPOTENCY_KEY_REQUIRED', message: 'Idempotency-Key header required' });
      return;
    }
    const parsed = BookingBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(422).json(validationError(parsed.error));
      return;
    }
    const fault = state.faults.take(carrier, parsed.data.shipTo.postalCode);
    if (fault?.mode === 'unavailable') {
      res.status(503).json({ code: 'SERVICE_UNAVAILABLE', message: 'try again later' });
      return;
    }
    if (fault?.mode === 'reject') {
      res.status(422).json({
        code: 'ADDRESS_UNDELIVERABLE',
        message: `${carrier} does not deliver to ${parsed.data.shipTo.postalCode}`,
      });
      return;
    }
    if (fault?.mode === 'timeout') {
      hung.add(res);
      return;
    }
    const result = state.book(carrier, key, parsed.data);
    if (result.kind === 'key_reused') {
      res.status(422).json({
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: 'this Idempotency-Key was used with another request',
      });
      return;
    }
    if (fault?.mode === 'timeout_after_booking') {
      hung.add(res);
      return;
    }
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.replayed ? 200 : 201).json(result.response);
  });

  router.delete('/carriers/:code/v1/shipments/:trackingNumber', (req, res) => {
    state.countCall(req.params.code, 'cancel');
    const outcome = state.cancel(req.params.code, req.params.trackingNumber);
    if (outcome === 'not_found') {
      res.status(404).json({ code: 'SHIPMENT_NOT_FOUND', message: 'no such shipment' });
    } else if (outcome === 'too_late') {
      res.status(409).json({ code: 'ALREADY_PICKED_UP', message: 'the shipment has left' });
    } else {
      res.status(204).end();
    }
  });

  router.get('/carriers/:code/v1/shipments/:trackingNumber', (req, res) => {
    state.countCall(req.params.code, 'track');
    const s = state.find(req.params.code, req.params.trackingNumber);
    if (!s) {
      res.status(404).json({ code: 'SHIPMENT_NOT_FOUND', message: 'no such shipment' });
      return;
    }
    res.json({
      trackingNumber: s.trackingNumber,
      carrier: s.carrier,
      reference: s.reference,
      serviceLevel: s.serviceLevel,
      status: s.status,
      estimatedDeliveryAt: s.estimatedDeliveryAt,
      milestones: s.milestones,
    });
  });

  return router;
}
