import type { TopicName } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { EventRouter, RouteContext } from '@o2c/platform';
import { acceptOrder } from '../../app/accept-order';
import { cancelOrder } from '../../app/cancel-order';
import { importOrder } from '../../app/import-order';
import type { Cause, InventoryDeps } from '../../app/inventory-deps';
import { recordOdooValidation } from '../../app/odoo-lag';
import { consumeShipment, recordShipment, releaseFailedShipment } from '../../app/shipments';
import { applyQuant, receiveReturn } from '../../app/stock-feed';
import { DomainError } from '../../domain/errors';

/** The topics inventory-sync reads (before the prefix). */
export const INPUT_TOPICS: TopicName[] = [
  'sales.orders',
  'odoo.stock',
  'odoo.sync',
  'fulfillment.shipments',
  'odoo.purchases',
];

/**
 * A unit not (yet) in the catalogue may arrive on odoo.master-data: retry, then park. A quantity
 * that cannot convert will not convert on retry either: dead-letter it at once.
 */
export function classify(error: unknown): unknown {
  if (error instanceof DomainError && error.code !== 'UNKNOWN_UOM')
    return new PermanentError(error.code, error.message, { cause: error });
  return error;
}

const causeOf = ({ metadata }: RouteContext): Cause => ({
  eventId: metadata.eventId,
  correlationId: metadata.correlationId,
});

/**
 * The input topics' events, each in the runtime's inbox transaction; event types nobody here
 * needs (OrderRejected, ShipmentBooked, ShipmentDelivered) are acknowledged and skipped.
 */
export const routeInventory = (router: EventRouter, deps: InventoryDeps): EventRouter =>
  router
    .on('OrderAccepted', async (order, ctx) => {
      const outcome = await acceptOrder(ctx.trx, deps, causeOf(ctx), order);
      if (outcome !== 'duplicate') deps.onReserved?.(outcome);
      ctx.logger.info({ orderId: order.orderId, outcome }, 'order reserved');
    })
    .on('OrderImported', async (order, ctx) => {
      const outcome = await importOrder(ctx.trx, deps, causeOf(ctx), order);
      ctx.logger.info({ orderId: order.orderId, outcome }, 'imported order applied');
    })
    .on('OrderCancelled', (cancelled, ctx) => cancelOrder(ctx.trx, deps, causeOf(ctx), cancelled))
    .on('StockQuantChanged', (quant, ctx) => applyQuant(ctx.trx, deps, causeOf(ctx), quant))
    .on('FulfillmentRequested', (requested, { trx }) => recordShipment(trx, requested))
    .on('ShipmentDispatched', (shipment, ctx) =>
      consumeShipment(ctx.trx, deps, causeOf(ctx), shipment),
    )
    .on('FulfillmentFailed', (failed, ctx) =>
      releaseFailedShipment(ctx.trx, deps, causeOf(ctx), failed),
    )
    .on('OdooDeliveryValidated', (validated, ctx) =>
      recordOdooValidation(ctx.trx, deps, causeOf(ctx), validated),
    )
    .on('ReturnReceived', (returned, ctx) => receiveReturn(ctx.trx, deps, causeOf(ctx), returned));
