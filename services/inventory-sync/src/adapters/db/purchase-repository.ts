import type { Knex } from 'knex';

/** A purchase line in the SKU's base unit. */
export interface PurchaseLineRow {
  lineNo: number;
  sku: string;
  uom: string;
  quantity: number;
}

export type PurchaseStatus = 'PLACED' | 'CONFIRMED' | 'REFUSED' | 'RECEIVED';

/** Records a placed purchase and its expected lines; false when it was already recorded. */
export async function insertPurchase(
  trx: Knex.Transaction,
  p: {
    purchaseId: string;
    odooReference: string;
    supplierCode: string;
    warehouseCode: string;
    datePlanned: number;
  },
  lines: readonly PurchaseLineRow[],
): Promise<boolean> {
  const inserted = await trx('purchases')
    .insert({
      purchase_id: p.purchaseId,
      odoo_reference: p.odooReference,
      supplier_code: p.supplierCode,
      warehouse_code: p.warehouseCode,
      status: 'PLACED',
      date_planned: p.datePlanned,
    })
    .onConflict('purchase_id')
    .ignore()
    .returning('purchase_id');
  if (inserted.length === 0) return false;
  if (lines.length > 0) {
    await trx('purchase_lines').insert(
      lines.map((l) => ({
        purchase_id: p.purchaseId,
        line_no: l.lineNo,
        sku: l.sku,
        warehouse_code: p.warehouseCode,
        uom: l.uom,
        ordered: l.quantity,
        expected: l.quantity,
      })),
    );
  }
  return true;
}

/** The purchase, locked; undefined for one never placed through us. */
export const lockPurchase = (trx: Knex.Transaction, purchaseId: string) =>
  trx('purchases')
    .where({ purchase_id: purchaseId })
    .forUpdate()
    .first<{ status: PurchaseStatus; warehouse_code: string } | undefined>(
      'status',
      'warehouse_code',
    );

export const setPurchase = (
  trx: Knex.Transaction,
  purchaseId: string,
  changes: { status: PurchaseStatus; date_planned?: number; refusal_reason?: string },
) => trx('purchases').where({ purchase_id: purchaseId }).update(changes);

/**
 * A line's ordered quantity (as confirmed) and received total: what is still expected follows,
 * never below 0. Received totals only grow, so a receipt read twice changes nothing.
 */
export async function setLine(
  trx: Knex.Transaction,
  purchaseId: string,
  lineNo: number,
  figures: { ordered: number; receivedTotal?: number },
): Promise<void> {
  await trx.raw(
    `update purchase_lines
        set ordered = ?,
            received_total = greatest(received_total, coalesce(?::numeric, received_total)),
            expected = greatest(0, ? - greatest(received_total, coalesce(?::numeric, received_total)))
      where purchase_id = ? and line_no = ?`,
    [
      figures.ordered,
      figures.receivedTotal ?? null,
      figures.ordered,
      figures.receivedTotal ?? null,
      purchaseId,
      lineNo,
    ],
  );
}

/** Nothing more will come of this purchase (refused, or received without a backorder). */
export const expectNothingMore = (trx: Knex.Transaction, purchaseId: string) =>
  trx('purchase_lines').where({ purchase_id: purchaseId }).update({ expected: 0 });

/** What purchases still bring to a position, in its base unit. */
export async function incomingOf(
  trx: Knex.Transaction,
  sku: string,
  warehouseCode: string,
): Promise<number> {
  const row = await trx('purchase_lines')
    .where({ sku, warehouse_code: warehouseCode })
    .sum<{ incoming: string | null }>({ incoming: 'expected' })
    .first();
  return Number(row?.incoming ?? 0);
}

/** Purchases by id, for the verify report's explanations. */
export async function purchaseSummaries(
  db: Knex,
): Promise<Map<string, { odooReference: string; status: string }>> {
  const rows = await db('purchases').select<
    Array<{ purchase_id: string; odoo_reference: string; status: string }>
  >('purchase_id', 'odoo_reference', 'status');
  return new Map(
    rows.map((r) => [r.purchase_id, { odooReference: r.odoo_reference, status: r.status }]),
  );
}
