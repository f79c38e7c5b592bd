import type { EventPayloads } from '@o2c/contracts';

/**
 * BOOKING: the worker books (next_attempt_at); BOOKED: waiting for picked_up (deadline);
 * DISPATCHED: waiting for delivered (deadline); CANCELLING: the worker cancels the booking.
 */
export type ShipmentState =
  'BOOKING' | 'BOOKED' | 'DISPATCHED' | 'DELIVERED' | 'FAILED' | 'CANCELLING' | 'CANCELLED';

export interface Line {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
}

export interface Shipment {
  shipmentId: string;
  orderId: string;
  reservationId: string;
  warehouseCode: string;
  lines: Line[];
  state: ShipmentState;
  /** Index into the policy's carriers of the carrier being tried or booked. */
  carrierIndex: number;
  /** Attempts at the current step with the current carrier. */
  attempts: number;
  /** Booking attempts across carriers (ShipmentBooked.attempt). */
  totalAttempts: number;
  carrierCode: string | null;
  trackingNumber: string | null;
  nextAttemptAt: number | null;
  deadlineAt: number | null;
}

export interface SagaPolicy {
  carriers: readonly string[];
  maxAttemptsPerCarrier: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  dispatchTimeoutMs: number;
  deliveryTimeoutMs: number;
}

export type FulfillmentEventType =
  | 'FulfillmentRequested'
  | 'ShipmentBooked'
  | 'ShipmentDispatched'
  | 'ShipmentDelivered'
  | 'FulfillmentFailed'
  | 'OrderExceptionRaised'
  | 'ReturnReceived';

export type FulfillmentEvent = {
  [K in FulfillmentEventType]: { type: K; data: EventPayloads[K] };
}[FulfillmentEventType];

/** The next state of a shipment, the events it emits, and a line for its history. */
export interface Decision {
  shipment: Shipment;
  events: FulfillmentEvent[];
  note: string;
}

export interface DecideContext {
  now: number;
  newId: () => string;
}
