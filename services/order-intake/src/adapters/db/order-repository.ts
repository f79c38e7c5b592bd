import type { Knex } from 'knex';
import type {
  LiveOrder,
  OrderEvent,
  OrderProgress,
  OrderState,
  OrderStatus,
} from '../../domain/order';

const statusAfter: Record<OrderEvent['type'], OrderStatus> = {
  OrderAccepted: 'accepted',
  OrderRejected: 'rejected',
  OrderCancelled: 'cancelled',
  OrderImported: 'imported',
};

export interface TimelineEntry {
  eventId: string;
  eventType: string;
  occurredAt: string;
  data: unknown;
}

export interface OrderView {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  status: OrderStatus;
  customerId: string | null;
  currency: string | null;
  totalMinor: number | null;
  /** Downstream progress (shipments, invoices, payments); null until the first such event. */
  progress: OrderProgress | null;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
}

/** Locks the row: a concurrent cancel and fulfillment update serialise on it. */
export async function findOrder(
  trx: Knex,
  orderId: string,
): Promise<(OrderState & { channelCode: string; channelOrderRef: string }) | undefined> {
  const row = await trx('orders')
    .where({ order_id: orderId })
    .forUpdate()
    .first<
      | { order_id: string; status: OrderStatus; channel_code: string; channel_order_ref: string }
      | undefined
    >('order_id', 'status', 'channel_code', 'channel_order_ref');
  return (
    row && {
      orderId: row.order_id,
      status: row.status,
      channelCode: row.channel_code,
      channelOrderRef: row.channel_order_ref,
    }
  );
}

/** Whether an insert lost the race for a channel ref's one live order (another took it first). */
export const isLiveChannelRefConflict = (error: unknown): boolean =>
  (error as { constraint?: string } | undefined)?.constraint === 'orders_live_channel_ref';

export async function findLiveOrderByChannelRef(
  trx: Knex,
  channelCode: string,
  channelOrderRef: string,
): Promise<OrderState | undefined> {
  const row = await trx('orders')
    .where({ channel_code: channelCode, channel_order_ref: channelOrderRef })
    .whereNot({ status: 'rejected' })
    .first<{ order_id: string; status: OrderStatus } | undefined>('order_id', 'status');
  return row && { orderId: row.order_id, status: row.status };
}

/**
 * The live order of a channel ref, locked (a concurrent refresh of it waits), with the
 * OrderImported last published for it when it is an imported one.
 */
export async function findLiveImport(
  trx: Knex,
  channelCode: string,
  channelOrderRef: string,
): Promise<LiveOrder | undefined> {
  const row = await trx('orders')
    .where({ channel_code: channelCode, channel_order_ref: channelOrderRef })
    .whereNot({ status: 'rejected' })
    .forUpdate()
    .first<
      | { order_id: string; status: OrderStatus; imported_state: LiveOrder['lastImported'] | null }
      | undefined
    >('order_id', 'status', 'imported_state');
  if (!row) return undefined;
  const live: LiveOrder = { orderId: row.order_id, status: row.status };
  return row.imported_state ? { ...live, lastImported: row.imported_state } : live;
}

/** Where an order came from; `receivedAt` (epoch ms) is kept when the order row is created. */
export interface OrderOrigin {
  channelCode: string;
  channelOrderRef: string;
  receivedAt?: number;
}

/** Writes the order's new state and its timeline entry (the caller's trx also holds the outbox rows). */
export async function saveOrderEvent(
  trx: Knex.Transaction,
  channel: OrderOrigin,
  event: OrderEvent,
  eventId: string,
  occurredAt: number,
): Promise<void> {
  const status = statusAfter[event.type];
  if (event.type === 'OrderCancelled') {
    await trx('orders')
      .where({ order_id: event.data.orderId })
      .update({ status, updated_at: trx.fn.now() });
  } else {
    const accepted =
      event.type === 'OrderAccepted' || event.type === 'OrderImported' ? event.data : undefined;
    const importedState = event.type === 'OrderImported' ? JSON.stringify(event.data) : null;
    const insert = trx('orders').insert({
      order_id: event.data.orderId,
      channel_code: channel.channelCode,
      channel_order_ref: channel.channelOrderRef,
      status,
      customer_id: accepted?.customerId ?? null,
      currency: accepted?.currency ?? null,
      total_minor: accepted?.totalMinor ?? null,
      received_at: channel.receivedAt === undefined ? null : new Date(channel.receivedAt),
      imported_state: importedState,
    });
    // A refresh of an imported order keeps its row and replaces the state last published.
    await (importedState
      ? insert
          .onConflict('order_id')
          .merge({ imported_state: importedState, updated_at: trx.fn.now() })
      : insert);
  }
  await trx('order_events').insert({
    event_id: eventId,
    order_id: event.data.orderId,
    event_type: event.type,
    occurred_at: new Date(occurredAt),
    data: JSON.stringify(event.data),
  });
}

export async function readOrderView(db: Knex, orderId: string): Promise<OrderView | undefined> {
  const row = await db('orders').where({ order_id: orderId }).first<Record<string, unknown>>();
  if (!row) return undefined;
  const events = await db('order_events')
    .where({ order_id: orderId })
    .orderBy([{ column: 'occurred_at' }, { column: 'event_id' }])
    .select<Array<{ event_id: string; event_type: string; occurred_at: Date; data: unknown }>>();
  return {
    orderId,
    channelCode: row.channel_code as string,
    channelOrderRef: row.channel_order_ref as string,
    status: row.status as OrderStatus,
    customerId: row.customer_id as string | null,
    currency: row.currency as string | null,
    totalMinor: row.total_minor == null ? null : Number(row.total_minor),
    progress: (row.progress as OrderProgress | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
    timeline: events.map((e) => ({
      eventId: e.event_id,
      eventType: e.event_type,
      occurredAt: e.occurred_at.toISOString(),
      data: e.data,
    })),
  };
}
