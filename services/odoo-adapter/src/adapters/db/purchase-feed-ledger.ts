import type { Knex } from 'knex';

/** Receipts and bills of our purchases already published, and the match outcome of each bill. */
export interface PurchaseFeedLedger {
  /** Which of these pickings were published. */
  publishedReceipts(pickingIds: readonly number[]): Promise<Set<number>>;
  /** Which of these bills were published. */
  publishedBills(billIds: readonly number[]): Promise<Set<number>>;
}

export function createPurchaseFeedLedger(db: Knex): PurchaseFeedLedger {
  const published = async (table: string, column: string, ids: readonly number[]) => {
    if (ids.length === 0) return new Set<number>();
    const rows: Array<Record<string, number>> = await db(table)
      .whereIn(column, [...ids])
      .select(column);
    return new Set(rows.map((r) => Number(r[column])));
  };
  return {
    publishedReceipts: (ids) => published('odoo_purchase_receipts', 'picking_id', ids),
    publishedBills: (ids) => published('odoo_vendor_bills', 'bill_id', ids),
  };
}

/**
 * Marks a receipt published, in the transaction appending its event. A plain insert: a second
 * adapter that published it meanwhile makes this transaction fail, and the next poll skips it.
 */
export async function recordReceipt(
  trx: Knex.Transaction,
  pickingId: number,
  purchaseId: string,
): Promise<void> {
  await trx('odoo_purchase_receipts').insert({ picking_id: pickingId, purchase_id: purchaseId });
}

/** Marks a bill published, in the transaction appending its event (a plain insert, as above). */
export async function recordBill(
  trx: Knex.Transaction,
  billId: number,
  purchaseId: string,
): Promise<void> {
  await trx('odoo_vendor_bills').insert({ bill_id: billId, purchase_id: purchaseId });
}

/** invoicing's decision on a bill (the row exists unless the bill came from elsewhere). */
export async function recordBillOutcome(
  trx: Knex.Transaction,
  billId: number,
  purchaseId: string,
  outcome: 'MATCHED' | 'MISMATCHED',
  mismatches: unknown = null,
): Promise<void> {
  await trx('odoo_vendor_bills')
    .insert({
      bill_id: billId,
      purchase_id: purchaseId,
      outcome,
      mismatches: mismatches === null ? null : JSON.stringify(mismatches),
      decided_at: trx.fn.now(),
    })
    .onConflict('bill_id')
    .merge(['outcome', 'mismatches', 'decided_at']);
}
