import type { OrderAccepted, OrderCancelled } from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { cancelOrder } from '../../app/orders/cancel-order';
import {
  applyReservationEvent,
  releaseParked,
  type ReservationEvent,
} from '../../app/reservations/apply-reservation-event';
import type { SagaDeps } from '../../app/saga-deps';
import { insertOrder, lockOrderKey } from '../db/order-repository';

/** sales.orders and inventory.reservations, each event applied in the inbox transaction. */
export const CONSUMED_TOPICS = ['sales.orders', 'inventory.reservations'] as const;

const RESERVATION_EVENTS = new Set(['StockReserved', 'StockBackordered', 'ReservationReleased']);

export function fulfillmentHandler(deps: SagaDeps): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    const cause = {
      causationId: metadata.eventId,
      ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    };
    const type = metadata.eventType;
    if (type === 'OrderAccepted') {
      const order = event.value as OrderAccepted;
      await lockOrderKey(trx, order.orderId);
      await insertOrder(trx, order);
      const released = await releaseParked(trx, order.orderId, deps);
      logger.info({ orderId: order.orderId, released }, 'order accepted');
    } else if (type === 'OrderCancelled') {
      await cancelOrder(trx, event.value as OrderCancelled, deps, cause);
    } else if (RESERVATION_EVENTS.has(type)) {
      const e = { type, data: event.value } as ReservationEvent;
      const outcome = await applyReservationEvent(trx, e, deps, cause);
      logger.info({ orderId: e.data.orderId, type, outcome }, 'reservation event');
    }
    // OrderRejected and event types added later: nothing to fulfil.
  };
}
