import type { Knex } from 'knex';
import { findOrder } from '../../adapters/db/order-repository';
import { decide, emptyMasterData, type CancelOrder } from '../../domain/order';
import type { Cause, OrderDeps } from './order-deps';
import { recordEvents } from './record-events';

/** Returns whether this call cancelled the order (false: it already was). Throws DomainError. */
export async function cancelOrder(
  trx: Knex.Transaction,
  command: CancelOrder,
  deps: OrderDeps,
  cause: Cause = {},
): Promise<boolean> {
  const state = await findOrder(trx, command.data.orderId);
  const now = deps.now();
  const events = decide(command, state, emptyMasterData, {
    now,
    newOrderId: deps.newOrderId,
  });
  if (!events.length || !state) return false;
  await recordEvents(trx, state, events, deps, cause, now);
  return true;
}
