import type { Knex } from 'knex';
import type { StockFact } from '../../domain';

type Kind = StockFact['kind'];

/** Idempotent on (reservation or backorder id, kind, line, sku). */
export async function saveStockLines(
  trx: Knex,
  orderId: string,
  refId: string,
  kind: Kind,
  lines: ReadonlyArray<{ lineNo: number; sku: string; quantity: number }>,
): Promise<void> {
  if (lines.length === 0) return;
  await trx('stock_lines')
    .insert(
      lines.map((l) => ({
        order_id: orderId,
        ref_id: refId,
        kind,
        line_no: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
      })),
    )
    .onConflict(['ref_id', 'kind', 'line_no', 'sku'])
    .ignore();
}

export async function loadStockFacts(db: Knex, orderId: string): Promise<StockFact[]> {
  const rows = await db('stock_lines')
    .where({ order_id: orderId })
    .select<Array<{ line_no: number; kind: Kind; quantity: number }>>(
      'line_no',
      'kind',
      'quantity',
    );
  return rows.map((r) => ({ lineNo: r.line_no, kind: r.kind, quantity: r.quantity }));
}
