import type { Knex } from 'knex';
import type { ByLine, ImportedOrder, ImportedState } from '../../domain';

export interface ImportedFacts {
  state: ImportedState;
  shippedByLine: ByLine;
  deliveries: number;
}

/**
 * Records an imported order once per business key (channel, channel order ref) and order id;
 * 'duplicate' when either is already known (a replay, or an order accepted under that id).
 */
export async function insertImportedOrder(
  trx: Knex,
  o: ImportedOrder,
  importedAt: Date,
): Promise<'imported' | 'duplicate'> {
  const known = await trx('imported_orders')
    .where({ channel_code: o.channelCode, channel_order_ref: o.channelOrderRef })
    .orWhere({ order_id: o.orderId })
    .first<{ order_id: string } | undefined>('order_id');
  if (known) return 'duplicate';
  const inserted = await trx('orders')
    .insert({
      order_id: o.orderId,
      warehouse_code: o.warehouseCode,
      ship_to: null,
      lines: JSON.stringify(o.lines),
    })
    .onConflict('order_id')
    .ignore()
    .returning('order_id');
  if (inserted.length === 0) return 'duplicate';
  await trx('imported_orders').insert({
    order_id: o.orderId,
    channel_code: o.channelCode,
    channel_order_ref: o.channelOrderRef,
    state: o.state,
    shipped_by_line: JSON.stringify(o.shippedByLine),
    deliveries: o.deliveries,
    imported_at: importedAt,
  });
  return 'imported';
}

export async function findImport(trx: Knex, orderId: string): Promise<ImportedFacts | undefined> {
  const row = await trx('imported_orders')
    .where({ order_id: orderId })
    .first<{ state: ImportedState; shipped_by_line: ByLine; deliveries: number } | undefined>(
      'state',
      'shipped_by_line',
      'deliveries',
    );
  return (
    row && { state: row.state, shippedByLine: row.shipped_by_line, deliveries: row.deliveries }
  );
}
