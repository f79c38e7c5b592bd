import type { Knex } from 'knex';
import type { OpenBackorderLine } from '../../domain/fill-backorders';
import type { BackorderLine } from '../../domain/reserve';

export async function insertBackorder(
  trx: Knex.Transaction,
  b: { backorderId: string; orderId: string; warehouseCode: string; lines: BackorderLine[] },
): Promise<void> {
  await trx('backorders').insert({
    backorder_id: b.backorderId,
    order_id: b.orderId,
    warehouse_code: b.warehouseCode,
  });
  await trx('backorder_lines').insert(
    b.lines.map((l) => ({
      backorder_id: b.backorderId,
      line_no: l.lineNo,
      sku: l.sku,
      uom: l.uom,
      substitution_allowed: l.substitutionAllowed,
      quantity: l.quantity,
      open: l.quantity,
      state: 'open',
    })),
  );
}

interface RawOpenLine {
  backorder_id: string;
  order_id: string;
  line_no: number;
  sku: string;
  uom: string;
  open: string;
  substitution_allowed: boolean;
}

/**
 * Open backorder lines in one warehouse that stock of `skus` could fill (ordered SKU, or a line
 * that allows substitutes), oldest backorder first; locked against a concurrent fill or cancel.
 */
export async function openLinesFor(
  trx: Knex.Transaction,
  warehouseCode: string,
  skus: readonly string[],
  substitutesFor: readonly string[],
  excludeOrderId: string | null = null,
): Promise<OpenBackorderLine[]> {
  const { rows } = await trx.raw<{ rows: RawOpenLine[] }>(
    `select l.*, b.order_id from backorder_lines l
       join backorders b using (backorder_id)
      where b.warehouse_code = ? and l.state = 'open'
        and (l.sku = any(?) or (l.substitution_allowed and l.sku = any(?)))
        and b.order_id is distinct from ?
      order by b.seq, l.line_no
      for update of l`,
    [warehouseCode, [...skus], [...substitutesFor], excludeOrderId],
  );
  return rows.map((r) => ({
    backorderId: r.backorder_id,
    orderId: r.order_id,
    lineNo: r.line_no,
    sku: r.sku,
    uom: r.uom,
    open: Number(r.open),
    substitutionAllowed: r.substitution_allowed,
  }));
}

export async function updateOpen(
  trx: Knex.Transaction,
  backorderId: string,
  lineNo: number,
  open: number,
): Promise<void> {
  await trx('backorder_lines')
    .where({ backorder_id: backorderId, line_no: lineNo })
    .update({ open, state: open > 0 ? 'open' : 'filled' });
}

export async function cancelBackorders(trx: Knex.Transaction, orderId: string): Promise<number> {
  return trx('backorder_lines')
    .whereIn('backorder_id', trx('backorders').select('backorder_id').where({ order_id: orderId }))
    .where({ state: 'open' })
    .update({ state: 'cancelled' });
}

export async function hasOpenBackorder(trx: Knex.Transaction, orderId: string): Promise<boolean> {
  const row: unknown = await trx('backorder_lines as l')
    .join('backorders as b', 'b.backorder_id', 'l.backorder_id')
    .where({ 'b.order_id': orderId, 'l.state': 'open' })
    .first('l.line_no');
  return row !== undefined;
}

/** Open backorder quantities of one SKU in one warehouse, per unit of the lines. */
export async function openBackordered(
  trx: Knex.Transaction,
  sku: string,
  warehouseCode: string,
): Promise<Array<{ uom: string; open: number }>> {
  const { rows } = await trx.raw<{ rows: Array<{ uom: string; open: string }> }>(
    `select l.uom, sum(l.open) as open from backorder_lines l
       join backorders b using (backorder_id)
      where l.sku = ? and b.warehouse_code = ? and l.state = 'open'
      group by l.uom`,
    [sku, warehouseCode],
  );
  return rows.map((r) => ({ uom: r.uom, open: Number(r.open) }));
}
