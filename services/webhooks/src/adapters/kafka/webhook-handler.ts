import type { EventHandler } from '@o2c/inbox';
import { recordEvent } from '../../app/record-event';

/** Queues the deliveries of every consumed event, in its inbox transaction. */
export const webhookHandler =
  (newId: () => string): EventHandler =>
  async (event, ctx) => {
    const queued = await recordEvent(
      ctx.trx,
      {
        eventId: ctx.metadata.eventId,
        eventType: ctx.metadata.eventType,
        occurredAt: ctx.metadata.occurredAt,
        data: event.value as Record<string, unknown>,
      },
      newId,
    );
    if (queued > 0) ctx.logger.debug({ queued }, 'webhook deliveries queued');
  };
