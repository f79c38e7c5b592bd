import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { saveOrderEvent, type OrderOrigin } from '../../adapters/db/order-repository';
import type { OrderEvent } from '../../domain/order';
import type { Cause, OrderDeps } from './order-deps';

const toOutbox = (event: OrderEvent, prefix: string, occurredAt: number, cause: Cause) =>
  eventFor(event.type, event.data as never, {
    correlationId: event.data.orderId,
    topicPrefix: prefix,
    occurredAt,
    ...cause,
  });

/** State and outbox rows in the caller's transaction: both commit, or neither. */
export async function recordEvents(
  trx: Knex.Transaction,
  channel: OrderOrigin,
  events: OrderEvent[],
  deps: OrderDeps,
  cause: Cause,
  occurredAt: number,
): Promise<void> {
  const metas = await deps.outbox.append(
    trx,
    events.map((e) => toOutbox(e, deps.topicPrefix, occurredAt, cause)),
  );
  for (const [i, event] of events.entries()) {
    await saveOrderEvent(trx, channel, event, metas[i]!.eventId, occurredAt);
  }
}
