import type { InvoiceIssued, OrderAccepted, ShipmentDispatched } from '@o2c/contracts';
import { afterCommit } from '@o2c/db';
import type { HandlerContext } from '@o2c/inbox';
import { recordCheck, type PinnedOrder } from '../../adapters/db/shadow-ledger';
import { saleOrderVals } from '../../domain/sale-order';
import type { ShadowLine } from '../../domain/shadow-compare';
import type { OdooDeps } from '../odoo-deps';
import type { CheckPayload } from './compare-check';

export interface ShadowHandlerDeps extends OdooDeps {
  /** Wakes the re-check loop once a new check is committed. */
  onCheck?: () => void;
}

/**
 * The sale order lines the live path would write, from the same pure `saleOrderVals` it uses
 * (master data, the order currency's pricelist): product, quantity and unit price per SKU.
 */
async function wouldWrite(order: OrderAccepted, deps: OdooDeps): Promise<ShadowLine[]> {
  const { saleLineUomField } = await deps.profile();
  const pricelistId = await deps.pricelistOf(order.currency);
  const vals = await deps.masterData.withMasterData((md) =>
    saleOrderVals(order, md, saleLineUomField, pricelistId),
  );
  const lines = vals.order_line as Array<[0, 0, { product_uom_qty: number; price_unit: number }]>;
  return lines.map(([, , v], i) => ({
    sku: order.lines[i]!.sku,
    quantity: v.product_uom_qty,
    priceUnit: v.price_unit,
  }));
}

/** The comparison an event of a shadow order asks for; undefined: not compared (skipped). */
async function payloadOf(
  type: string,
  value: unknown,
  pin: PinnedOrder,
  deps: OdooDeps,
): Promise<CheckPayload | undefined> {
  const channelOrderRef = pin.channelOrderRef;
  switch (type) {
    case 'OrderAccepted': {
      const order = value as OrderAccepted;
      const lines = await wouldWrite(order, deps);
      return { flow: 'SALE_ORDER', channelOrderRef, currency: order.currency, lines };
    }
    case 'OrderCancelled':
      return { flow: 'CANCELLATION', channelOrderRef };
    case 'ShipmentDispatched': {
      const s = value as ShipmentDispatched;
      return {
        flow: 'DELIVERY',
        channelOrderRef,
        shipmentId: s.shipmentId,
        lastShipment: s.lastShipment,
      };
    }
    case 'InvoiceIssued': {
      const i = value as InvoiceIssued;
      return {
        flow: 'INVOICE',
        channelOrderRef,
        invoiceId: i.invoiceId,
        totalMinor: i.totalMinor,
        currency: i.currency,
      };
    }
    default:
      return undefined;
  }
}

/**
 * Shadow handling of an event of an order pinned to shadow: nothing is written to Odoo. The
 * comparison is recorded as a pending check in the consumer's transaction and made by the
 * re-check loop (the legacy integration lags), so the partition never waits for it. Event types
 * shadow mode does not compare, and every event of an imported order (Odoo is its source: no
 * legacy write to compare with), are recorded as skipped.
 */
export async function handleShadow(
  type: string,
  value: unknown,
  pin: PinnedOrder,
  ctx: HandlerContext,
  deps: ShadowHandlerDeps,
): Promise<void> {
  const imported = pin.importedSaleOrderId;
  const payload = imported === undefined ? await payloadOf(type, value, pin, deps) : undefined;
  await recordCheck(ctx.trx, {
    sourceEventId: ctx.metadata.eventId,
    orderId: pin.orderId,
    channelCode: pin.channelCode,
    flow: payload?.flow ?? type,
    payload: payload ?? (imported === undefined ? {} : { importedSaleOrderId: imported }),
    status: payload ? 'pending' : 'skipped',
  });
  ctx.logger.info(
    { eventType: type, orderId: pin.orderId, channel: pin.channelCode, flow: payload?.flow },
    payload
      ? 'shadow: comparison recorded, nothing written to Odoo'
      : imported === undefined
        ? 'shadow: not compared'
        : 'imported order: not compared, nothing written to Odoo',
  );
  const onCheck = deps.onCheck;
  if (payload && onCheck) afterCommit(ctx.trx, onCheck);
}
