import type { Knex } from 'knex';
import { positionKey, type Position, type StockMove } from '../../domain/stock';

export interface PositionRow extends Position {
  odooWriteDate: number | null;
  odooReadAt: number | null;
}

interface RawPosition {
  sku: string;
  warehouse_code: string;
  on_hand: string;
  reserved: string;
  uom: string;
  odoo_write_date: string | null;
  odoo_read_at: string | null;
}

export const toPosition = (r: RawPosition): PositionRow => ({
  sku: r.sku,
  warehouseCode: r.warehouse_code,
  onHand: Number(r.on_hand),
  reserved: Number(r.reserved),
  uom: r.uom,
  odooWriteDate: r.odoo_write_date === null ? null : Number(r.odoo_write_date),
  odooReadAt: r.odoo_read_at === null ? null : Number(r.odoo_read_at),
});

/**
 * Locks the positions, creating the missing ones, in one (sku, warehouse) order so that two
 * transactions touching the same positions do not deadlock. Usually all exist and one statement
 * locks them. Missing ones are created and locked after the others: two transactions creating a
 * position at once can then deadlock, and the batch runtime redoes the one Postgres fails.
 */
export async function lockPositions(
  trx: Knex.Transaction,
  wanted: ReadonlyArray<{ sku: string; warehouseCode: string; uom: string }>,
): Promise<Map<string, PositionRow>> {
  const unique = new Map(wanted.map((w) => [positionKey(w.sku, w.warehouseCode), w]));
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<string, PositionRow>();
  if (sorted.length === 0) return out;
  const existing = await trx<RawPosition>('positions')
    .whereIn(
      ['sku', 'warehouse_code'],
      sorted.map(([, w]) => [w.sku, w.warehouseCode]),
    )
    .orderBy(['sku', 'warehouse_code'])
    .forUpdate();
  for (const row of existing) out.set(positionKey(row.sku, row.warehouse_code), toPosition(row));
  if (out.size === sorted.length) return out;
  for (const [key, w] of sorted) {
    if (out.has(key)) continue;
    await trx('positions')
      .insert({ sku: w.sku, warehouse_code: w.warehouseCode, uom: w.uom })
      .onConflict(['sku', 'warehouse_code'])
      .ignore();
    const row = await trx<RawPosition>('positions')
      .where({ sku: w.sku, warehouse_code: w.warehouseCode })
      .forUpdate()
      .first();
    if (row) out.set(key, toPosition(row));
  }
  return out;
}

/**
 * Records each move in the ledger and applies it to its position, which the caller has locked
 * (it must exist), in one statement per move. A move whose key the ledger already holds is
 * skipped: the effect happened before. Returns the moves applied, each with its position after it.
 */
export async function applyMoves(
  trx: Knex.Transaction,
  moves: readonly StockMove[],
  sourceEventId: string | null,
): Promise<Array<{ move: StockMove; position: PositionRow }>> {
  const applied: Array<{ move: StockMove; position: PositionRow }> = [];
  for (const m of moves) {
    const recorded = trx('stock_ledger')
      .insert({
        sku: m.sku,
        warehouse_code: m.warehouseCode,
        on_hand_delta: m.onHandDelta,
        reserved_delta: m.reservedDelta,
        cause: m.cause,
        business_key: m.key,
        source_event_id: sourceEventId,
      })
      .onConflict(['sku', 'warehouse_code', 'business_key'])
      .ignore()
      .returning('id');
    const [row] = await trx('positions')
      .with('recorded', recorded)
      .where({ sku: m.sku, warehouse_code: m.warehouseCode })
      .whereExists(trx.select(1).from('recorded'))
      .update({
        on_hand: trx.raw('on_hand + ?', [m.onHandDelta]),
        reserved: trx.raw('reserved + ?', [m.reservedDelta]),
        updated_at: trx.fn.now(),
      })
      .returning<RawPosition[]>('*');
    if (row) applied.push({ move: m, position: toPosition(row) });
  }
  return applied;
}

export async function readPositions(
  db: Knex,
  filter: { sku?: string; warehouseCode?: string },
): Promise<PositionRow[]> {
  const q = db<RawPosition>('positions').orderBy(['sku', 'warehouse_code']);
  if (filter.sku) void q.where('sku', filter.sku);
  if (filter.warehouseCode) void q.where('warehouse_code', filter.warehouseCode);
  return (await q).map(toPosition);
}

/** The position has applied Odoo's figure `f`: kept unless the one it holds is newer. */
export const setOdooFigure = (
  trx: Knex.Transaction,
  sku: string,
  warehouseCode: string,
  f: { odooWriteDate: number; readAt?: number | null },
) =>
  trx('positions')
    .where({ sku, warehouse_code: warehouseCode })
    .update({
      odoo_read_at: trx.raw(
        `case when coalesce(odoo_write_date, 0) < ? then cast(? as bigint)
              when odoo_write_date = ? then greatest(odoo_read_at, cast(? as bigint))
              else odoo_read_at end`,
        [f.odooWriteDate, f.readAt ?? null, f.odooWriteDate, f.readAt ?? null],
      ),
      odoo_write_date: trx.raw('greatest(coalesce(odoo_write_date, 0), ?)', [f.odooWriteDate]),
    });
