import type { Knex } from 'knex';
import { loadMasterData } from '../../adapters/db/master-data-repository';
import { afterCommit } from '@o2c/db';
import { findLiveOrderByChannelRef } from '../../adapters/db/order-repository';
import {
  decide,
  stageSeconds,
  type OrderEvent,
  type OrderStatus,
  type SubmitOrder,
} from '../../domain/order';
import type { Cause, OrderDeps } from './order-deps';
import { recordEvents } from './record-events';

export type SubmitResult =
  | { outcome: 'accepted' | 'rejected'; orderId: string; event: OrderEvent }
  | { outcome: 'duplicate'; orderId: string; status: OrderStatus };

/** Load → decide → save + outbox, all in `trx` (REST's own or the consumer's inbox transaction). */
export async function submitOrder(
  trx: Knex.Transaction,
  command: SubmitOrder,
  deps: OrderDeps,
  cause: Cause = {},
): Promise<SubmitResult> {
  const { channelCode, channelOrderRef } = command.data;
  const state = await findLiveOrderByChannelRef(trx, channelCode, channelOrderRef);
  const master = await loadMasterData(trx, command.data);
  const now = deps.now();
  const events = decide(command, state, master, { now, newOrderId: deps.newOrderId });
  const [event] = events;
  // decide returns nothing only when a live order exists.
  if (!event) return { outcome: 'duplicate', orderId: state!.orderId, status: state!.status };
  const receivedAt = command.data.submittedAt ?? now;
  await recordEvents(trx, { channelCode, channelOrderRef, receivedAt }, events, deps, cause, now);
  if (event.type === 'OrderAccepted') {
    afterCommit(trx, () => deps.onStage?.('accepted', stageSeconds(receivedAt, now)));
  }
  return {
    outcome: event.type === 'OrderAccepted' ? 'accepted' : 'rejected',
    orderId: event.data.orderId,
    event,
  };
}
