import type {
  FulfillmentFailed,
  FulfillmentRequested,
  OdooDeliveryValidated,
  OrderAccepted,
  OrderCancelled,
  ReturnReceived,
  ShipmentDispatched,
  StockQuantChanged,
} from '@o2c/contracts';
import { PermanentError, type EventHandler } from '@o2c/inbox';
import { acceptOrder } from '../../app/accept-order';
import { cancelOrder } from '../../app/cancel-order';
import type { InventoryDeps } from '../../app/inventory-deps';
import { DomainError } from '../../domain/errors';
import { consumeShipment, recordShipment, releaseFailedShipment } from '../../app/shipments';
import { recordOdooValidation } from '../../app/odoo-lag';
import { applyQuant, receiveReturn } from '../../app/stock-feed';

/** The topics inventory-sync reads (before the prefix). */
export const INPUT_TOPICS = [
  'sales.orders',
  'odoo.stock',
  'odoo.sync',
  'fulfillment.shipments',
] as const;

/**
 * One handler for the four topics, in the runtime's inbox transaction; event types nobody here
 * needs (OrderRejected, ShipmentBooked, ShipmentDelivered) are acknowledged and skipped.
 */
export function inventoryHandler(deps: InventoryDeps): EventHandler {
  const handle = dispatch(deps);
  return async (event, ctx) => {
    try {
      await handle(event, ctx);
    } catch (error) {
      // A unit not (yet) in the catalogue may arrive on odoo.master-data: retry, then park.
      // A quantity that cannot convert will not convert on retry either: dead-letter it at once.
      if (error instanceof DomainError && error.code !== 'UNKNOWN_UOM')
        throw new PermanentError(error.code, error.message, { cause: error });
      throw error;
    }
  };
}

function dispatch(deps: InventoryDeps): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    const cause = { eventId: metadata.eventId, correlationId: metadata.correlationId };
    const v = event.value;
    switch (metadata.eventType) {
      case 'OrderAccepted': {
        const outcome = await acceptOrder(trx, deps, cause, v as OrderAccepted);
        if (outcome !== 'duplicate') deps.onReserved?.(outcome);
        logger.info({ orderId: (v as OrderAccepted).orderId, outcome }, 'order reserved');
        return;
      }
      case 'OrderCancelled':
        return cancelOrder(trx, deps, cause, v as OrderCancelled);
      case 'StockQuantChanged':
        await applyQuant(trx, deps, cause, v as StockQuantChanged);
        return;
      case 'FulfillmentRequested':
        return recordShipment(trx, v as FulfillmentRequested);
      case 'ShipmentDispatched':
        return consumeShipment(trx, deps, cause, v as ShipmentDispatched);
      case 'FulfillmentFailed':
        return releaseFailedShipment(trx, deps, cause, v as FulfillmentFailed);
      case 'OdooDeliveryValidated':
        return recordOdooValidation(trx, deps, cause, v as OdooDeliveryValidated);
      case 'ReturnReceived':
        return receiveReturn(trx, deps, cause, v as ReturnReceived);
      default:
        return;
    }
  };
}
