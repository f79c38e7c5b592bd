import { Client } from 'pg';
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

interface Row {
  order_id: string;
  status: string;
  channel_code: string;
  currency: string | null;
  total_minor: string | null;
}

/**
 * The orders' status, channel and total from order-intake's `orders` table (unknown ids left
 * out). A plain client, not a knex pool: a database that does not answer is a warning, and
 * knex would print its connection error on stdout, in the middle of --json.
 */
export async function readOrders(
  ctx: OpsContext,
  orderIds: readonly string[],
): Promise<OrdersRead> {
  const orders = new Map<string, OrderFacts>();
  if (orderIds.length === 0) return { orders, warning: null };
  const client = new Client({
    connectionString: ctx.config.console.databaseUrls['order-intake'],
    application_name: 'o2c-ops',
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    for (let i = 0; i < orderIds.length; i += 1000) {
      const { rows } = await client.query<Row>(
        'select order_id, status, channel_code, currency, total_minor from orders where order_id = any($1)',
        [orderIds.slice(i, i + 1000)],
      );
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
    await client.end().catch(() => undefined);
  }
}
