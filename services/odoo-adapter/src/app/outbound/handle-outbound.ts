import type {
  CreditNoteIssued,
  InvoiceIssued,
  OrderAccepted,
  OrderCancelled,
  ReturnReceived,
  ShipmentDispatched,
  TopicName,
} from '@o2c/contracts';
import type { EventHandler, HandlerContext } from '@o2c/inbox';
import { PermanentError } from '@o2c/inbox';
import { OdooError } from '@o2c/odoo-client';
import { eventFor, type Outbox, type OutboxEvent } from '@o2c/outbox';
import { DomainError } from '../../domain/errors';
import { cancelSaleOrder } from './cancel-sale-order';
import { postCreditNote } from './post-credit-note';
import { recordSync } from '../../adapters/db/sync-log';
import { invoiceWhenDelivered, postWaitingInvoices } from './invoice-when-delivered';
import { receiveReturn, type receiveWaitingReturns } from './receive-return';
import type { ReturnLedger } from '../../adapters/db/return-ledger';
import { syncSaleOrder } from './sync-sale-order';
import { validateShipment, type ShipmentDeps } from './validate-shipment';
import { figuresAfterValidation } from './figures-after-validation';

/** Topics whose events the adapter turns into Odoo calls. */
export const outboundTopics: TopicName[] = [
  'sales.orders',
  'fulfillment.shipments',
  'billing.invoices',
];

/** The events of an order: each is about one order (`orderId`) and follows its OrderAccepted. */
export const ORDER_EVENTS: ReadonlySet<string> = new Set([
  'OrderAccepted',
  'OrderCancelled',
  'ShipmentDispatched',
  'InvoiceIssued',
  'ReturnReceived',
  'CreditNoteIssued',
]);

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

/** What an event did in Odoo, and the event that tells others about it, if any. */
interface Synced {
  model: string;
  id: number;
  action: string;
  emit?: OutboxEvent[];
  /** Returns that waited for this invoice: received in Odoo now, or refused by it. */
  returns?: Awaited<ReturnType<typeof receiveWaitingReturns>>;
  /** Invoices that waited for this shipment's delivery: posted now. */
  invoices?: string[];
}

export interface OutboundDeps extends ShipmentDeps {
  returns: ReturnLedger;
  outbox: Outbox;
  topicPrefix: string;
}

export function createOutboundHandler(deps: OutboundDeps): EventHandler {
  const run = async (
    type: string,
    value: unknown,
    ctx: HandlerContext,
  ): Promise<Synced | undefined> => {
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
        const shipment = value as ShipmentDispatched;
        const r = await validateShipment(shipment, deps);
        const validated = r.backorder ? 'validated+backorder' : 'validated';
        // inventory-sync stops counting the shipment apart once Odoo's stock includes it
        const seen = eventFor(
          'OdooDeliveryValidated',
          {
            aggregateId: shipment.orderId,
            orderId: shipment.orderId,
            shipmentId: shipment.shipmentId,
            odooPickingId: String(r.pickingId),
            odooWriteDate: r.odooWriteDate,
            validatedAt: Date.now(),
          },
          { correlationId: shipment.orderId, topicPrefix: deps.topicPrefix },
        );
        return {
          emit: [seen, ...(await figuresAfterValidation(deps, shipment, deps.topicPrefix))],
          model: 'stock.picking',
          id: r.pickingId,
          invoices: await postWaitingInvoices(ctx.trx, shipment.orderId, deps),
          action: r.alreadyDone
            ? 'already-validated'
            : r.amended
              ? `substituted+${validated}`
              : validated,
        };
      }
      case 'ReturnReceived': {
        const r = await receiveReturn(value as ReturnReceived, deps);
        if (!r) return undefined;
        if ('waitingForInvoice' in r)
          return { model: 'stock.picking', id: r.deliveryId, action: 'return-waiting-for-invoice' };
        return {
          model: 'stock.picking',
          id: r.pickingId,
          action: r.alreadyDone ? 'return-already-validated' : 'return-validated',
        };
      }
      case 'InvoiceIssued':
        return invoiceWhenDelivered(ctx.trx, value as InvoiceIssued, ctx.metadata.eventId, deps);
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
    let done: Synced | undefined;
    try {
      done = await run(ctx.metadata.eventType, event.value, ctx);
    } catch (error) {
      throw classify(error);
    }
    if (!done) return;
    const { model, id, action } = done;
    ctx.logger.info(
      {
        eventType: ctx.metadata.eventType,
        orderId: ctx.metadata.correlationId,
        odoo: { model, id, action },
      },
      'synced to Odoo',
    );
    for (const returnId of done.returns?.received ?? [])
      ctx.logger.info(
        { returnId, orderId: ctx.metadata.correlationId },
        'waiting return received in Odoo',
      );
    for (const { returnId, reason } of done.returns?.refused ?? [])
      ctx.logger.error(
        { returnId, orderId: ctx.metadata.correlationId, reason },
        'waiting return refused by Odoo; kept in odoo_returns.refused_reason',
      );
    for (const invoiceId of done.invoices ?? [])
      ctx.logger.info(
        { invoiceId, orderId: ctx.metadata.correlationId },
        'invoice that waited for this delivery posted in Odoo',
      );
    if (done.emit)
      await deps.outbox.append(
        ctx.trx,
        done.emit.map((e) => ({ ...e, causationId: ctx.metadata.eventId })),
      );
    await recordSync(ctx.trx, {
      eventId: ctx.metadata.eventId,
      eventType: ctx.metadata.eventType,
      orderId: ctx.metadata.correlationId,
      model,
      id,
      action,
    });
  };
}
