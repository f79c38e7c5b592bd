import type {
  OrderAccepted,
  OrderCancelled,
  ReservationReleased,
  StockBackordered,
  StockReserved,
} from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { cancelOrder } from '../../app/orders/cancel-order';
import { recordBackorder, recordRelease } from '../../app/reservations/record-stock-facts';
import { startShipment } from '../../app/reservations/start-shipment';
import type { SagaDeps } from '../../app/saga-deps';
import { insertOrder } from '../db/order-repository';

/** sales.orders and inventory.reservations, each event applied in the inbox transaction. */
export const CONSUMED_TOPICS = ['sales.orders', 'inventory.reservations'] as const;

export function fulfillmentHandler(deps: SagaDeps): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    const cause = {
      causationId: metadata.eventId,
      ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    };
    switch (metadata.eventType) {
      case 'OrderAccepted':
        return insertOrder(trx, event.value as OrderAccepted);
      case 'OrderCancelled':
        return cancelOrder(trx, event.value as OrderCancelled, deps, cause);
      case 'StockReserved': {
        const value = event.value as StockReserved;
        const outcome = await startShipment(trx, value, deps, cause);
        logger.info(
          { orderId: value.orderId, reservationId: value.reservationId, outcome },
          'reservation',
        );
        return;
      }
      case 'StockBackordered':
        return recordBackorder(trx, event.value as StockBackordered);
      case 'ReservationReleased':
        return recordRelease(trx, event.value as ReservationReleased);
      default:
        // OrderRejected and any later event types: nothing to fulfil.
        return;
    }
  };
}
