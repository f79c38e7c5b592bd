import type { Knex } from 'knex';
import type { HeldLine } from '../../domain/release';
import type { KnownLine, KnownOrder } from '../../domain/refresh';
import { reservationsOfOrder } from './reservation-repository';

interface RawImportedLine {
  line_no: number;
  sku: string;
  quantity: string;
  uom: string;
  unit_price_minor: string | null;
  delivered_quantity: string;
}

/** The order (locked) as an OrderImported finds it, or undefined when it is new here. */
export async function loadKnownOrder(
  trx: Knex.Transaction,
  orderId: string,
): Promise<KnownOrder | undefined> {
  const row = await trx<{
    state: string;
    warehouse_code: string | null;
    imported_at: string | null;
  }>('orders')
    .where('order_id', orderId)
    .forUpdate()
    .first();
  if (!row) return undefined;
  const lines = await trx<RawImportedLine>('imported_lines')
    .where('order_id', orderId)
    .orderBy('line_no');
  const open = (await reservationsOfOrder(trx, orderId)).find((r) => r.state === 'open');
  return {
    orderId,
    importedAt: row.imported_at === null ? null : Number(row.imported_at),
    state: row.state,
    warehouseCode: row.warehouse_code,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      quantity: Number(l.quantity),
      uom: l.uom,
      unitPriceMinor: l.unit_price_minor === null ? null : Number(l.unit_price_minor),
      deliveredQuantity: Number(l.delivered_quantity),
    })),
    held: open && { reservationId: open.reservationId, lines: open.lines },
  };
}

/** Records Odoo's description of the order's lines and the importedAt it came with. */
export async function saveImported(
  trx: Knex.Transaction,
  orderId: string,
  importedAt: number,
  lines: readonly KnownLine[],
  state?: 'active' | 'completed',
): Promise<void> {
  await trx('orders')
    .where('order_id', orderId)
    .update({ imported_at: importedAt, ...(state ? { state } : {}) });
  await trx('imported_lines')
    .insert(
      lines.map((l) => ({
        order_id: orderId,
        line_no: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
        unit_price_minor: l.unitPriceMinor,
        delivered_quantity: l.deliveredQuantity,
      })),
    )
    .onConflict(['order_id', 'line_no'])
    .merge(['delivered_quantity', 'unit_price_minor']);
}

/**
 * The held reservation keeps `lines` (a line not among them is delivered in full); with none
 * left it is consumed: nothing of the order is held any more.
 */
export async function shrinkHeld(
  trx: Knex.Transaction,
  reservationId: string,
  before: readonly HeldLine[],
  lines: readonly HeldLine[],
): Promise<void> {
  const after = new Map(lines.map((l) => [`${l.lineNo}:${l.sku}`, l]));
  for (const b of before) {
    const a = after.get(`${b.lineNo}:${b.sku}`);
    const where = { reservation_id: reservationId, line_no: b.lineNo, sku: b.sku };
    if (!a) await trx('reservation_lines').where(where).delete();
    else if (a.quantity !== b.quantity)
      await trx('reservation_lines')
        .where(where)
        .update({ quantity: a.quantity, base_quantity: a.baseQuantity });
  }
  if (lines.length === 0)
    await trx('reservations')
      .where({ reservation_id: reservationId, state: 'open' })
      .update({ state: 'consumed' });
}
