import type { OrderAccepted, OrderImported } from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import {
  channelMode,
  pinnedOrder,
  pinOrder,
  type PinnedOrder,
} from '../../adapters/db/shadow-ledger';
import type { WriteMode } from '../../domain/shadow-compare';
import { findSaleOrder } from '../odoo-deps';
import { classify, ORDER_EVENTS } from '../outbound/handle-outbound';
import { handleShadow, type ShadowHandlerDeps } from './handle-shadow';
import { importOrder } from './import-order';

export interface ModeRoutingDeps extends ShadowHandlerDeps {
  /** ODOO_WRITE_MODE_DEFAULT: the mode of a channel without a channel_modes row. */
  defaultMode: WriteMode;
}

/**
 * Per-channel write modes in front of the live handler, for the events of an order. OrderAccepted
 * pins its order to its channel's mode, read in the consumer's transaction (so a mode switch is
 * atomic with respect to events); every later event of the order follows the pin. Live: today's
 * handler writes Odoo. Shadow: nothing is written, the comparison is recorded. Each event is
 * handled in exactly one mode. An event of an order without a pin is live, today's behaviour: an
 * order accepted before modes existed, or one whose OrderAccepted (another topic) is not handled
 * yet, where the live path finds no sale order of ours and the event is parked, to come back
 * through here once the pin decides. OrderImported pins its order to shadow without any Odoo
 * call: the adapter never writes an imported order.
 */
export function routeByMode(live: EventHandler, deps: ModeRoutingDeps): EventHandler {
  const pinOf = async (
    type: string,
    value: unknown,
    trx: Parameters<EventHandler>[1]['trx'],
  ): Promise<PinnedOrder | 'live'> => {
    if (type === 'OrderAccepted') {
      const order = value as OrderAccepted;
      const pinned = await pinnedOrder(trx, order.orderId);
      if (pinned) return pinned;
      let mode = await channelMode(trx, order.channelCode, deps.defaultMode);
      // A live attempt that failed after creating our sale order (its pin rolled back with it)
      // keeps the order live across a switch: Odoo never holds a half-written order.
      if (mode === 'shadow' && (await findSaleOrder(deps.odoo, order.orderId))) mode = 'live';
      return pinOrder(trx, {
        orderId: order.orderId,
        channelCode: order.channelCode,
        channelOrderRef: order.channelOrderRef,
        mode,
      });
    }
    const { orderId } = value as { orderId: string };
    return (await pinnedOrder(trx, orderId)) ?? 'live';
  };

  return async (event, ctx) => {
    const type = ctx.metadata.eventType;
    if (type === 'OrderImported') return importOrder(event.value as OrderImported, ctx);
    if (!ORDER_EVENTS.has(type)) return live(event, ctx);
    const pin = await pinOf(type, event.value, ctx.trx);
    if (pin === 'live' || pin.mode === 'live') return live(event, ctx);
    // Refusals (a SKU master data lacks) are dead-lettered at once, as in live.
    return handleShadow(type, event.value, pin, ctx, deps).catch((error: unknown) => {
      throw classify(error);
    });
  };
}
