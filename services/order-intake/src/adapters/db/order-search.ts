import type { Knex } from 'knex';
import type { OrderStatus } from '../../domain/order/types';

export interface OrderSearch {
  channelCode?: string | undefined;
  channelOrderRef?: string | undefined;
  customerId?: string | undefined;
  status?: OrderStatus | undefined;
  limit: number;
  /** The last order of the previous page (its `pageKey`): the search goes on strictly after it. */
  after?: PageKey | undefined;
}

/** Where an order sorts: created_at as Postgres prints it (microseconds kept) and its id. */
export interface PageKey {
  createdAt: string;
  orderId: string;
}

export interface OrderSummary {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  status: OrderStatus;
  customerId: string | null;
  currency: string | null;
  totalMinor: number | null;
  createdAt: string;
  updatedAt: string;
  pageKey: PageKey;
}

/**
 * Orders matching every given filter, newest first (created_at, then order id, both descending),
 * `limit` of them after `after` (keyset paging: stable while new orders arrive). A channel ref
 * may match several orders: rejected submissions and the one live order.
 */
export async function searchOrders(db: Knex, s: OrderSearch): Promise<OrderSummary[]> {
  const q = db('orders').select<Array<Record<string, unknown>>>(
    'order_id',
    'channel_code',
    'channel_order_ref',
    'status',
    'customer_id',
    'currency',
    'total_minor',
    'created_at',
    'updated_at',
    db.raw('created_at::text as created_key'),
  );
  if (s.channelCode !== undefined) q.where('channel_code', s.channelCode);
  if (s.channelOrderRef !== undefined) q.where('channel_order_ref', s.channelOrderRef);
  if (s.customerId !== undefined) q.where('customer_id', s.customerId);
  if (s.status !== undefined) q.where('status', s.status);
  if (s.after)
    q.whereRaw('(created_at, order_id) < (?::timestamptz, ?)', [
      s.after.createdAt,
      s.after.orderId,
    ]);
  const rows = await q
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'order_id', order: 'desc' },
    ])
    .limit(s.limit);
  return rows.map((r) => ({
    orderId: r.order_id as string,
    channelCode: r.channel_code as string,
    channelOrderRef: r.channel_order_ref as string,
    status: r.status as OrderStatus,
    customerId: r.customer_id as string | null,
    currency: r.currency as string | null,
    totalMinor: r.total_minor == null ? null : Number(r.total_minor),
    createdAt: (r.created_at as Date).toISOString(),
    updatedAt: (r.updated_at as Date).toISOString(),
    pageKey: { createdAt: r.created_key as string, orderId: r.order_id as string },
  }));
}
