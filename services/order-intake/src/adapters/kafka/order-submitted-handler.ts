import type { OrderSubmitted, TopicName } from '@o2c/contracts';
import type { EventRouter } from '@o2c/platform';
import type { OrderDeps } from '../../app/order/order-deps';
import { submitOrder } from '../../app/order/submit-order';
import type { SubmitOrder } from '../../domain/order';

/** channels.orders carries raw channel submissions. */
export const SUBMISSIONS_TOPIC: TopicName = 'channels.orders';

const toCommand = (v: OrderSubmitted): SubmitOrder => ({
  type: 'SubmitOrder',
  data: {
    channelCode: v.channelCode,
    channelOrderRef: v.channelOrderRef,
    customerRef: v.customerRef,
    currency: v.currency,
    lines: v.lines,
    shipTo: v.shipTo,
    warehouseCode: v.warehouseCode,
    requestedDeliveryAt: v.requestedDeliveryAt,
    submittedAt: v.submittedAt,
  },
});

/**
 * The same decision path as POST /orders, inside the runtime's inbox transaction. A business-
 * invalid order is not an error (it becomes OrderRejected); undecodable bytes never get here, and
 * other event types are dead-lettered by the router (channels.orders carries only submissions).
 */
export const routeSubmissions = (router: EventRouter, deps: OrderDeps): EventRouter =>
  router.on('OrderSubmitted', async (submitted, { trx, cause, logger }) => {
    const result = await submitOrder(trx, toCommand(submitted), deps, cause);
    deps.onDecided?.('kafka', result.outcome);
    logger.info(
      { orderId: result.orderId, outcome: result.outcome, causationId: cause.causationId },
      'channel order decided',
    );
  });
