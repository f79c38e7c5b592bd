import type { Knex } from 'knex';
import type { OrderFacts } from '../../domain';

export async function saveOrderFacts(trx: Knex.Transaction, orderId: string, facts: OrderFacts) {
  await trx('webhook_orders')
    .insert({ order_id: orderId, channel: facts.channel, customer_id: facts.customerId })
    .onConflict('order_id')
    .merge();
}

export async function findOrderFacts(
  trx: Knex.Transaction,
  orderId: string,
): Promise<OrderFacts | undefined> {
  const row = (await trx('webhook_orders').where({ order_id: orderId }).first()) as
    { channel: string; customer_id: string | null } | undefined;
  return row && { channel: row.channel, customerId: row.customer_id };
}
