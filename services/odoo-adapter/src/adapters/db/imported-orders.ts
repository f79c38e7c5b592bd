import type { Knex } from 'knex';

/** An order imported from a sale order the platform did not write, and that sale order. */
export interface ImportedOrder {
  orderId: string;
  channelCode: string;
  saleOrderId: number;
  saleOrderName: string;
  clientOrderRef: string | null;
  importedAt: Date;
}

/** Links the order to its sale order once; a duplicate import changes nothing. */
export async function linkImportedOrder(
  trx: Knex.Transaction,
  order: ImportedOrder,
): Promise<boolean> {
  const inserted = (await trx('imported_orders')
    .insert({
      order_id: order.orderId,
      channel_code: order.channelCode,
      sale_order_id: order.saleOrderId,
      sale_order_name: order.saleOrderName,
      client_order_ref: order.clientOrderRef,
      imported_at: order.importedAt,
    })
    .onConflict('order_id')
    .ignore()
    .returning('order_id')) as unknown[];
  return inserted.length > 0;
}

/** The platform order id of each sale order (of these ids) bootstrap imported, in one query. */
export async function importedOrderIdsBySaleOrder(
  db: Knex,
  saleOrderIds: readonly number[],
): Promise<Map<number, string>> {
  if (saleOrderIds.length === 0) return new Map();
  const rows: Array<{ order_id: string; sale_order_id: number }> = await db('imported_orders')
    .whereIn('sale_order_id', [...new Set(saleOrderIds)])
    .orderBy('imported_at', 'desc')
    .select('order_id', 'sale_order_id');
  // Oldest last, so the first order imported for a sale order wins (order-intake dedups anyway).
  return new Map(rows.map((r) => [r.sale_order_id, r.order_id]));
}
