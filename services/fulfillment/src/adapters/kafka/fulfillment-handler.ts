import type { TopicName } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { EventRouter, RouteContext } from '@o2c/platform';
import { cancelOrder } from '../../app/orders/cancel-order';
import { importOrder } from '../../app/orders/import-order';
import {
  applyReservationEvent,
  releaseParked,
  type ReservationEvent,
} from '../../app/reservations/apply-reservation-event';
import type { SagaDeps } from '../../app/saga-deps';
import { DomainError } from '../../domain';
import { insertOrder, lockOrderKey } from '../db/order-repository';

/** sales.orders and inventory.reservations, each event applied in the inbox transaction. */
export const CONSUMED_TOPICS: TopicName[] = ['sales.orders', 'inventory.reservations'];

/** OrderRejected and event types added later are skipped: nothing to fulfil. */
export function routeFulfillment(router: EventRouter, deps: SagaDeps): EventRouter {
  const reservation = async (e: ReservationEvent, { trx, cause, logger }: RouteContext) => {
    const outcome = await applyReservationEvent(trx, e, deps, cause);
    logger.info({ orderId: e.data.orderId, type: e.type, outcome }, 'reservation event');
  };
  return router
    .on('OrderAccepted', async (order, { trx, logger }) => {
      await lockOrderKey(trx, order.orderId);
      await insertOrder(trx, order);
      const released = await releaseParked(trx, order.orderId, deps);
      logger.info({ orderId: order.orderId, released }, 'order accepted');
    })
    .on('OrderImported', async (order, { trx, logger }) => {
      // A refused import is the message's fault, no retry fixes it: dead-letter it at once.
      const { outcome, dropped } = await importOrder(trx, order).catch((error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        throw new PermanentError(error.code, error.message, { cause: error });
      });
      logger.info({ orderId: order.orderId, outcome, dropped }, 'order imported');
    })
    .on('OrderCancelled', async (cancelled, { trx, cause, logger }) => {
      const outcome = await cancelOrder(trx, cancelled, deps, cause);
      const log = { orderId: cancelled.orderId, reasonCode: cancelled.reasonCode, outcome };
      // Odoo finished it before the cancel: nothing is left to cancel, the order stays completed.
      if (outcome === 'imported-completed')
        logger.warn(log, 'order cancel ignored: imported order completed');
      else logger.info(log, 'order cancelled');
    })
    .on('StockReserved', (data, ctx) => reservation({ type: 'StockReserved', data }, ctx))
    .on('StockBackordered', (data, ctx) => reservation({ type: 'StockBackordered', data }, ctx))
    .on('ReservationReleased', (data, ctx) =>
      reservation({ type: 'ReservationReleased', data }, ctx),
    );
}
