import type { OrderAcceptedV1, OrderAcceptedV2 } from '../../generated/sales';

/** v2 added the delivery date the customer asked for and their purchase order number: a v1 order had neither. */
export const upcast = (v1: OrderAcceptedV1): OrderAcceptedV2 => ({
  ...v1,
  requestedDeliveryAt: null,
  customerPurchaseOrderRef: null,
});
