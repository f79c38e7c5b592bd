import type { EventHandler, HandlerContext, InboxEvent } from '@o2c/inbox';
import type { Logger } from '@o2c/observability';
import type { Knex } from 'knex';
import {
  lockOrderEvents,
  ordersWaiting,
  park,
  resumed,
  stillWaiting,
  waitingCount,
  waitingOf,
  type WaitingEvent,
} from '../../adapters/db/sale-order-waits';
import { recordSync } from '../../adapters/db/sync-log';
import { SaleOrderNotReady } from '../../domain/errors';
import { createRoundLoop } from '../round-loop';
import { ORDER_EVENTS } from './handle-outbound';

/** Orders the sweep tries per round (each costs at least one Odoo call). */
const SWEEP_PAGE = 100;

const reasonOf = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
};

/** A parked event as the handler sees it again (it reads the value and the metadata only). */
const asEvent = ({ message }: WaitingEvent): InboxEvent => ({
  ...message,
  raw: { key: null, value: null, headers: {}, timestamp: '0' },
});

/**
 * An event whose sale order is not in Odoo yet, or not confirmed (its OrderAccepted comes on
 * another topic, or is retrying), is parked per order instead of retried in place, which would
 * hold its whole partition; an event of the order that comes while others wait queues behind
 * them. They are resumed in arrival order right after their OrderAccepted is synced (in its
 * transaction), and every `retryMs` by a sweep, for sale orders confirmed another way (by hand,
 * a redrive) and for a resumed event that failed (Odoo down, or refused: it keeps its place and
 * Odoo's reason until it goes through).
 */
export function waitForSaleOrder(
  handler: EventHandler,
  { db, logger, retryMs }: { db: Knex; logger: Logger; retryMs: number },
) {
  const parkHere = async (
    { raw: _raw, ...message }: InboxEvent,
    ctx: HandlerContext,
    orderId: string,
    reason: string,
  ) => {
    const { eventId, eventType } = ctx.metadata;
    await park(ctx.trx, { orderId, message, reason });
    await recordSync(ctx.trx, {
      eventId,
      eventType,
      orderId,
      model: 'sale.order',
      id: 0,
      action: 'waiting-for-sale-order',
    });
    ctx.logger.info({ eventType, orderId, reason }, 'parked until its sale order is in Odoo');
  };

  /** Runs the order's parked events in order, each in a savepoint, up to one that cannot run. */
  const resume = async (trx: Knex.Transaction, orderId: string, log: Logger) => {
    for (const w of await waitingOf(trx, orderId)) {
      const { eventId, eventType } = w.message.metadata;
      const ctx = { metadata: w.message.metadata, attempt: 1, logger: log };
      try {
        await trx.transaction((sp) => handler(asEvent(w), { ...ctx, trx: sp }));
      } catch (error) {
        await stillWaiting(trx, eventId, reasonOf(error));
        const fields = { eventId, eventType, orderId };
        if (error instanceof SaleOrderNotReady)
          log.info(fields, 'still waiting for its sale order');
        else log.warn({ ...fields, err: error }, 'parked event not resumed yet; the sweep retries');
        return;
      }
      await resumed(trx, eventId);
      log.info({ eventId, eventType, orderId }, 'parked event resumed');
    }
  };

  const handle: EventHandler = async (event, ctx) => {
    const type = ctx.metadata.eventType;
    const orderId = (event.value as { orderId?: unknown }).orderId;
    const accepted = type === 'OrderAccepted';
    if (typeof orderId !== 'string' || !ORDER_EVENTS.has(type)) return handler(event, ctx);
    await lockOrderEvents(ctx.trx, orderId);
    const ahead = accepted ? 0 : await waitingCount(ctx.trx, orderId);
    if (ahead > 0)
      return parkHere(event, ctx, orderId, `behind ${ahead} earlier event(s) of ${orderId}`);
    try {
      await handler(event, ctx);
    } catch (error) {
      if (error instanceof SaleOrderNotReady) return parkHere(event, ctx, orderId, error.message);
      throw error;
    }
    if (accepted) await resume(ctx.trx, orderId, ctx.logger);
  };

  // A page of orders a round, the next page the next round: one stuck order never holds the rest.
  let after = 0;
  const sweep = createRoundLoop(async (stopping) => {
    try {
      const page = await ordersWaiting(db, SWEEP_PAGE, after);
      after = page.length < SWEEP_PAGE ? 0 : page.at(-1)!.seq;
      for (const { orderId } of page) {
        if (stopping()) return;
        await db.transaction(async (trx) => {
          await lockOrderEvents(trx, orderId);
          await resume(trx, orderId, logger);
        });
      }
    } catch (error) {
      logger.warn({ err: error }, 'resuming parked events failed; next round retries');
    }
  }, retryMs);

  return { handler: handle, sweep };
}
