import type { OrderSubmitted } from '@o2c/contracts';
import { PermanentError, type EventHandler } from '@o2c/inbox';
import type { OrderDeps } from '../../app/order/order-deps';
import { submitOrder } from '../../app/order/submit-order';
import type { SubmitOrder } from '../../domain/order';

/** channels.orders carries raw channel submissions. */
export const SUBMISSIONS_TOPIC = 'channels.orders';

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
  },
});

/**
 * The same decision path as POST /orders, inside the runtime's inbox transaction. A business-
 * invalid order is not an error (it becomes OrderRejected); undecodable bytes never get here.
 */
export function orderSubmittedHandler(deps: OrderDeps): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    if (metadata.eventType !== 'OrderSubmitted') {
      throw new PermanentError(
        'UNEXPECTED_EVENT_TYPE',
        `${SUBMISSIONS_TOPIC} carries OrderSubmitted, not ${metadata.eventType}`,
      );
    }
    const result = await submitOrder(trx, toCommand(event.value as OrderSubmitted), deps, {
      causationId: metadata.eventId,
      ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
    });
    deps.onDecided?.('kafka', result.outcome);
    logger.info(
      { orderId: result.orderId, outcome: result.outcome, causationId: metadata.eventId },
      'channel order decided',
    );
  };
}
