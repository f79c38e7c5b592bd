import { createDb } from '@o2c/db';
import type { OpsContext } from '../context';

export interface OrderFacts {
  orderId: string;
  status: string;
  channel: string;
  currency: string | null;
  totalMinor: number | null;
}

export interface OrdersRead {
  orders: Map<string, OrderFacts>;
  /** Set when order-intake's database did not answer: money and statuses are then unknown. */
  warning: string | null;
}

/** The orders' status, channel and total from order-intake's `orders` table (unknown ids left out). */
export async function readOrders(
  ctx: OpsContext,
  orderIds: readonly string[],
): Promise<OrdersRead> {
  const orders = new Map<string, OrderFacts>();
  if (orderIds.length === 0) return { orders, warning: null };
  const db = createDb(ctx.config.console.databaseUrls['order-intake'], {
    poolMax: 1,
    applicationName: 'o2c-ops',
  });
  try {
    for (let i = 0; i < orderIds.length; i += 1000) {
      const rows = await db('orders')
        .whereIn('order_id', orderIds.slice(i, i + 1000))
        .select<
          {
            order_id: string;
            status: string;
            channel_code: string;
            currency: string | null;
            total_minor: string | number | null;
          }[]
        >('order_id', 'status', 'channel_code', 'currency', 'total_minor');
      for (const r of rows)
        orders.set(r.order_id, {
          orderId: r.order_id,
          status: r.status,
          channel: r.channel_code,
          currency: r.currency,
          totalMinor: r.total_minor === null ? null : Number(r.total_minor),
        });
    }
    return { orders, warning: null };
  } catch (error) {
    return { orders, warning: `order-intake database: ${(error as Error).message}` };
  } finally {
    await db.destroy();
  }
}
