import type { Knex } from 'knex';
import type { AppliedImport, ByLine, ImportedOrder, ImportedState, Line } from '../../domain';

export interface ImportedFacts {
  state: ImportedState;
  shippedByLine: ByLine;
  deliveries: number;
}

/**
 * Records an imported order once per business key (channel, channel order ref); 'duplicate' when
 * that sale order is already imported, under this order id or another.
 */
export async function insertImportedOrder(
  trx: Knex,
  o: ImportedOrder,
  importedAt: Date,
): Promise<'imported' | 'duplicate'> {
  const known = await trx('imported_orders')
    .where({ channel_code: o.channelCode, channel_order_ref: o.channelOrderRef })
    .first<{ order_id: string } | undefined>('order_id');
  if (known) return 'duplicate';
  await trx('orders').insert({
    order_id: o.orderId,
    warehouse_code: o.warehouseCode,
    ship_to: null,
    lines: JSON.stringify(o.lines),
  });
  await trx('imported_orders').insert({
    order_id: o.orderId,
    channel_code: o.channelCode,
    channel_order_ref: o.channelOrderRef,
    ...facts(o, importedAt),
  });
  return 'imported';
}

/** A newer snapshot of an imported order replaces Odoo's facts and the last applied importedAt. */
export async function updateImportedOrder(
  trx: Knex,
  o: ImportedOrder,
  importedAt: Date,
): Promise<void> {
  await trx('imported_orders').where({ order_id: o.orderId }).update(facts(o, importedAt));
}

/** An open imported order cancelled in Odoo: only its state changes, Odoo's facts stay. */
export async function cancelImportedOrder(trx: Knex, orderId: string): Promise<void> {
  await trx('imported_orders').where({ order_id: orderId }).update({ state: 'CANCELLED' });
}

const facts = (o: ImportedOrder, importedAt: Date) => ({
  state: o.state,
  shipped_by_line: JSON.stringify(o.shippedByLine),
  invoiced_by_line: JSON.stringify(o.invoicedByLine),
  deliveries: o.deliveries,
  imported_at: importedAt,
});

/** What was last applied of an imported order (its lines from `orders`). */
export async function findAppliedImport(
  trx: Knex,
  orderId: string,
): Promise<AppliedImport | undefined> {
  const row = await trx('imported_orders as i')
    .join('orders as o', 'o.order_id', 'i.order_id')
    .where('i.order_id', orderId)
    .first<
      | {
          channel_code: string;
          channel_order_ref: string;
          lines: Line[];
          shipped_by_line: ByLine;
          invoiced_by_line: ByLine;
          imported_at: Date;
          state: ImportedState;
        }
      | undefined
    >(
      'i.channel_code',
      'i.channel_order_ref',
      'o.lines',
      'i.shipped_by_line',
      'i.invoiced_by_line',
      'i.imported_at',
      'i.state',
    );
  return (
    row && {
      channelCode: row.channel_code,
      channelOrderRef: row.channel_order_ref,
      lines: row.lines,
      shippedByLine: row.shipped_by_line,
      invoicedByLine: row.invoiced_by_line,
      importedAt: row.imported_at.getTime(),
      state: row.state,
    }
  );
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
