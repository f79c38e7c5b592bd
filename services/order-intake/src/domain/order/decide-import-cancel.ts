import type { OrderCancelled } from '@o2c/contracts';
import type { ImportDecision, LiveOrder } from './decide-import';
import { decideRefresh } from './decide-refresh';
import type { ImportRequest, OrderEvent } from './types';

/** How an imported order cancelled in Odoo is cancelled on the platform. */
export const cancelledInOdoo = (
  orderId: string,
  saleOrderName: string,
  now: number,
): OrderCancelled => ({
  orderId,
  reasonCode: 'CHANNEL_CANCELLED',
  reasonText: `cancelled in Odoo (${saleOrderName})`,
  cancelledBy: 'system',
  cancelledAt: now,
});

/**
 * Pure: a sale order imported while open and cancelled in Odoo since. Nobody imported it →
 * skipped; an order still `imported` → cancelled (OrderCancelled), after another OrderImported when
 * Odoo's progress moved on before the cancel (as decideRefresh decides, a contradiction making it
 * unmappable); an order already cancelled, or a platform order of the channel ref → duplicate.
 */
export function decideImportCancel(
  candidate: ImportRequest,
  live: LiveOrder | undefined,
  now: number,
): ImportDecision {
  if (!live) return { outcome: 'skipped' };
  if (live.status !== 'imported') return { outcome: 'duplicate', orderId: live.orderId };
  if (!live.lastImported) {
    const message = `order ${live.orderId} is imported but its published state is not known`;
    return { outcome: 'unmappable', reasons: [{ code: 'IMPORT_CONFLICT', message }] };
  }
  const refresh = decideRefresh(candidate, live.lastImported, now);
  if (refresh.outcome === 'conflict') return { outcome: 'unmappable', reasons: refresh.reasons };
  const events: OrderEvent[] =
    refresh.outcome === 'refreshed' ? [{ type: 'OrderImported', data: refresh.data }] : [];
  const cancelledAt = refresh.outcome === 'refreshed' ? refresh.data.importedAt : now;
  events.push({
    type: 'OrderCancelled',
    data: cancelledInOdoo(live.orderId, candidate.odooSaleOrderName, cancelledAt),
  });
  return { outcome: 'cancelled', orderId: live.orderId, events };
}
