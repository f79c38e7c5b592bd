import type {
  CreditNoteIssued,
  InvoiceIssued,
  OrderAccepted,
  OrderCancelled,
  ShipmentDispatched,
  TopicName,
} from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { PermanentError } from '@o2c/inbox';
import { OdooError } from '@o2c/odoo-client';
import { DomainError } from '../../domain/errors';
import type { OdooDeps } from '../odoo-deps';
import { cancelSaleOrder } from './cancel-sale-order';
import { postCreditNote } from './post-credit-note';
import { postInvoice } from './post-invoice';
import { syncSaleOrder } from './sync-sale-order';
import { validateShipment } from './validate-shipment';

/** Topics whose events the adapter turns into Odoo calls. */
export const outboundTopics: TopicName[] = [
  'sales.orders',
  'fulfillment.shipments',
  'billing.invoices',
];

/**
 * Business refusals (unknown master data, Odoo's validation or access errors) cannot succeed on
 * retry: they are dead-lettered at once with Odoo's own error, and redriven after the fix.
 * Everything else (timeouts, 5xx, concurrency, open circuit) is retried by the runtime.
 */
export function classify(error: unknown): unknown {
  if (error instanceof DomainError)
    return new PermanentError(error.code, error.message, { cause: error });
  if (error instanceof OdooError && !error.retryable) {
    return new PermanentError(
      `ODOO_${error.kind.toUpperCase()}`,
      `${error.name}: ${error.message}`,
      { cause: error },
    );
  }
  return error;
}

export function createOutboundHandler(deps: OdooDeps): EventHandler {
  const run = async (type: string, value: unknown) => {
    switch (type) {
      case 'OrderAccepted': {
        const r = await syncSaleOrder(value as OrderAccepted, deps);
        return {
          model: 'sale.order',
          id: r.saleOrderId,
          action: r.created ? 'created+confirmed' : r.confirmed ? 'confirmed' : 'already-synced',
        };
      }
      case 'OrderCancelled': {
        const r = await cancelSaleOrder(value as OrderCancelled, deps);
        return {
          model: 'sale.order',
          id: r.saleOrderId,
          action: r.outcome,
        };
      }
      case 'ShipmentDispatched': {
        const r = await validateShipment(value as ShipmentDispatched, deps);
        const validated = r.backorder ? 'validated+backorder' : 'validated';
        return {
          model: 'stock.picking',
          id: r.pickingId,
          action: r.alreadyDone
            ? 'already-validated'
            : r.amended
              ? `substituted+${validated}`
              : validated,
        };
      }
      case 'InvoiceIssued': {
        const r = await postInvoice(value as InvoiceIssued, deps);
        return {
          model: 'account.move',
          id: r.moveId,
          action: r.posted ? 'posted' : 'already-posted',
        };
      }
      case 'CreditNoteIssued': {
        const r = await postCreditNote(value as CreditNoteIssued, deps);
        return {
          model: 'account.move',
          id: r.moveId,
          action: r.posted ? 'credit-note-posted' : 'credit-note-already-posted',
        };
      }
      default:
        return undefined;
    }
  };

  return async (event, ctx) => {
    let done: Awaited<ReturnType<typeof run>>;
    try {
      done = await run(ctx.metadata.eventType, event.value);
    } catch (error) {
      throw classify(error);
    }
    if (!done) return;
    ctx.logger.info(
      { eventType: ctx.metadata.eventType, orderId: ctx.metadata.correlationId, odoo: done },
      'synced to Odoo',
    );
    await ctx.trx('odoo_sync_log').insert({
      event_id: ctx.metadata.eventId,
      event_type: ctx.metadata.eventType,
      order_id: ctx.metadata.correlationId,
      odoo_model: done.model,
      odoo_id: done.id,
      action: done.action,
    });
  };
}
