import type { Knex } from 'knex';

/** Keeps an order's receipt time (the first one seen wins). */
export async function recordOrder(
  db: Knex,
  order: { orderId: string; channel: string; receivedAt: number },
): Promise<void> {
  await db('orders')
    .insert({
      order_id: order.orderId,
      channel: order.channel,
      received_at: new Date(order.receivedAt),
    })
    .onConflict('order_id')
    .ignore();
}

/** When the order was received (epoch ms), if flow-watch saw it. */
export async function receivedAtOf(db: Knex, orderId: string): Promise<number | undefined> {
  const row = await db<{ order_id: string; received_at: Date }>('orders')
    .where({ order_id: orderId })
    .first('received_at');
  return row?.received_at.getTime();
}
