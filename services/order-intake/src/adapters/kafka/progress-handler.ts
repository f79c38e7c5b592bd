import type { TopicName } from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import type { OrderStage } from '../../domain/order';
import { afterCommit } from '@o2c/db';
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

export interface ProgressListeners {
  /** Once per event folded into an order. */
  onApplied?: (type: string) => void;
  /** Once per order and stage, after the commit. */
  onStage?: (stage: OrderStage, seconds: number) => void;
}

/**
 * Every event of these topics names its order (odoo.sync may not: a poll cycle's failure concerns
 * no order). Events of orders this instance never took are not ours and are skipped.
 */
export function progressHandler(listeners: ProgressListeners = {}): EventHandler {
  return async (event, { trx, metadata, logger }) => {
    const data = event.value as Record<string, unknown>;
    const orderId = typeof data.orderId === 'string' ? data.orderId : undefined;
    if (!orderId) return;
    const result = await applyProgressEvent(trx, orderId, metadata.eventId, metadata.occurredAt, {
      type: metadata.eventType,
      data,
    });
    if (result.outcome === 'unknown-order') {
      logger.warn(
        { orderId, eventType: metadata.eventType },
        'progress of an unknown order skipped',
      );
    } else if (result.outcome === 'applied') {
      listeners.onApplied?.(metadata.eventType);
      const { reached } = result;
      if (reached) afterCommit(trx, () => listeners.onStage?.(reached.stage, reached.seconds));
    }
  };
}
