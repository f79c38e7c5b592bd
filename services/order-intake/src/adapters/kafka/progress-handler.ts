import type { TopicName } from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { applyProgressEvent } from '../db/progress-repository';

/** Downstream topics whose events make up an order's status and timeline after acceptance. */
export const PROGRESS_TOPICS: TopicName[] = [
  'inventory.reservations',
  'fulfillment.shipments',
  'fulfillment.exceptions',
  'billing.invoices',
  'odoo.payments',
  'odoo.sync',
];

/**
 * Every event of these topics names its order (odoo.sync may not: a poll cycle's failure concerns
 * no order). Events of orders this instance never took are not ours and are skipped.
 */
export function progressHandler(onApplied?: (type: string) => void): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    const data = event.value as Record<string, unknown>;
    const orderId = typeof data.orderId === 'string' ? data.orderId : undefined;
    if (!orderId) return;
    const outcome = await applyProgressEvent(trx, orderId, metadata.eventId, metadata.occurredAt, {
      type: metadata.eventType,
      data,
    });
    if (outcome === 'unknown-order') {
      logger.warn(
        { orderId, eventType: metadata.eventType },
        'progress of an unknown order skipped',
      );
    } else if (outcome === 'applied') {
      onApplied?.(metadata.eventType);
    }
  };
}
