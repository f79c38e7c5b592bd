import { randomBytes } from 'node:crypto';
import type { Faults } from './faults';
import { createFaults } from './faults';
import type { WebhookSender } from './webhook-sender';
import type { BookingRequest, BookingResponse, MilestonePlan, Shipment } from './types';

const DAY_MS = 86_400_000;

export type BookResult =
  { kind: 'booked'; response: BookingResponse; replayed: boolean } | { kind: 'key_reused' };

export type CancelResult = 'cancelled' | 'not_found' | 'too_late';

/** The simulator's whole state: carriers, shipments, idempotency keys, faults, milestone timers. */
export function createCarrierState(
  carriers: readonly string[],
  defaults: MilestonePlan,
  webhooks: WebhookSender,
) {
  const shipments = new Map<string, Shipment>();
  const bookings = new Map<string, { requestJson: string; trackingNumber: string }>();
  const calls: Record<string, Record<string, number>> = {};
  const timers = new Map<string, NodeJS.Timeout>();
  const faults: Faults = createFaults();
  let plan: MilestonePlan = { ...defaults };

  const schedule = (shipment: Shipment, delay: number) => {
    if (plan.hold) return;
    const timer = setTimeout(() => {
      timers.delete(shipment.trackingNumber);
      advance(shipment.trackingNumber);
    }, delay);
    timer.unref();
    timers.set(shipment.trackingNumber, timer);
  };

  const clearTimer = (trackingNumber: string) => {
    clearTimeout(timers.get(trackingNumber));
    timers.delete(trackingNumber);
  };

  /** Records and sends the shipment's next milestone; false when there is none. */
  function advance(trackingNumber: string): boolean {
    const shipment = shipments.get(trackingNumber);
    if (!shipment || shipment.status === 'CANCELLED' || shipment.status === 'DELIVERED')
      return false;
    clearTimer(trackingNumber);
    const occurredAt = Date.now();
    if (shipment.status === 'BOOKED') {
      shipment.status = 'PICKED_UP';
      shipment.milestones.push({ milestone: 'picked_up', occurredAt });
      webhooks.send(shipment, 'picked_up', occurredAt);
      schedule(shipment, Math.max(0, plan.deliveredAfterMs - plan.pickedUpAfterMs));
    } else {
      shipment.status = 'DELIVERED';
      shipment.milestones.push({ milestone: 'delivered', occurredAt });
      webhooks.send(shipment, 'delivered', occurredAt, shipment.request.shipTo.name);
    }
    return true;
  }

  return {
    carriers,
    faults,
    countCall(carrier: string, op: string) {
      const c = (calls[carrier] ??= {});
      c[op] = (c[op] ?? 0) + 1;
    },
    /** Same carrier + key + body → the first answer; same key, other body → key_reused. */
    book(carrier: string, key: string, request: BookingRequest): BookResult {
      const requestJson = JSON.stringify(request);
      const existing = bookings.get(`${carrier}:${key}`);
      if (existing) {
        if (existing.requestJson !== requestJson) return { kind: 'key_reused' };
        const s = shipments.get(existing.trackingNumber)!;
        return { kind: 'booked', response: responseOf(s), replayed: true };
      }
      const bookedAt = Date.now();
      const serviceLevel = request.serviceLevel ?? 'standard';
      const shipment: Shipment = {
        trackingNumber: `${carrier.toUpperCase()}${randomBytes(5).toString('hex').toUpperCase()}`,
        carrier,
        serviceLevel,
        estimatedDeliveryAt: bookedAt + (serviceLevel === 'express' ? 1 : 3) * DAY_MS,
        reference: request.reference,
        idempotencyKey: key,
        status: 'BOOKED',
        callbackUrl: request.callbackUrl,
        request,
        bookedAt,
        milestones: [],
        webhooks: [],
      };
      shipments.set(shipment.trackingNumber, shipment);
      bookings.set(`${carrier}:${key}`, { requestJson, trackingNumber: shipment.trackingNumber });
      schedule(shipment, plan.pickedUpAfterMs);
      return { kind: 'booked', response: responseOf(shipment), replayed: false };
    },
    cancel(carrier: string, trackingNumber: string): CancelResult {
      const shipment = shipments.get(trackingNumber);
      if (!shipment || shipment.carrier !== carrier) return 'not_found';
      if (shipment.status === 'CANCELLED') return 'cancelled';
      if (shipment.status !== 'BOOKED') return 'too_late';
      clearTimer(trackingNumber);
      shipment.status = 'CANCELLED';
      return 'cancelled';
    },
    find(carrier: string | undefined, trackingNumber: string) {
      const s = shipments.get(trackingNumber);
      return s && (carrier === undefined || s.carrier === carrier) ? s : undefined;
    },
    advance,
    setPlan(next: Partial<MilestonePlan>) {
      plan = { ...plan, ...next };
      return plan;
    },
    snapshot: () => ({
      plan,
      shipments: [...shipments.values()].map(({ request: _request, ...s }) => s),
      bookings: Object.fromEntries(bookings),
      calls,
      faults: faults.list(),
    }),
    reset() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      shipments.clear();
      bookings.clear();
      for (const k of Object.keys(calls)) delete calls[k];
      faults.clear();
      webhooks.cancelAll();
      plan = { ...defaults };
    },
  };
}

const responseOf = (s: Shipment): BookingResponse => ({
  trackingNumber: s.trackingNumber,
  carrier: s.carrier,
  serviceLevel: s.serviceLevel,
  estimatedDeliveryAt: s.estimatedDeliveryAt,
});

export type CarrierState = ReturnType<typeof createCarrierState>;
