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
