import type {
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseOrderRefused,
  PurchaseReceiptValidated,
} from '@o2c/contracts';
import type { Knex } from 'knex';
import type { Purchase, PurchaseStatus } from '../../domain';
import { num, toDate } from './rows';

/** Serialises, until the transaction ends, everything that changes one purchase's ledger. */
export async function lockPurchase(trx: Knex.Transaction, purchaseId: string): Promise<void> {
  await trx.raw("select pg_advisory_xact_lock(hashtextextended('invoicing:purchase:' || ?, 0))", [
    purchaseId,
  ]);
}

/** Idempotent on the purchase id; returns false for a purchase already recorded. */
export async function savePlacedPurchase(trx: Knex, p: PurchaseOrderPlaced): Promise<boolean> {
  const inserted = await trx('purchases')
    .insert({
      purchase_id: p.purchaseId,
      odoo_purchase_id: p.odooPurchaseId,
      odoo_reference: p.odooReference,
      supplier_code: p.supplierCode,
      warehouse_code: p.warehouseCode,
      currency: p.currency,
      status: 'PLACED',
      placed_at: toDate(p.placedAt),
    })
    .onConflict('purchase_id')
    .ignore()
    .returning('purchase_id');
  if (!inserted.length) return false;
  if (p.lines.length)
    await trx('purchase_lines').insert(
      p.lines.map((l) => ({
        purchase_id: p.purchaseId,
        line_no: l.lineNo,
        sku: l.sku,
        uom: l.uom,
        ordered: l.quantity,
        unit_price_minor: l.unitPriceMinor,
      })),
    );
  return true;
}

/** The confirmed quantities replace the ordered ones for the match; false for an unknown purchase. */
export async function saveConfirmation(trx: Knex, c: PurchaseOrderConfirmed): Promise<boolean> {
  const updated = await trx('purchases')
    .where({ purchase_id: c.purchaseId })
    .whereNot({ status: 'REFUSED' })
    .update({ status: 'CONFIRMED', confirmed_at: toDate(c.confirmedAt) });
  if (!updated) return false;
  for (const l of c.lines)
    await trx('purchase_lines')
      .where({ purchase_id: c.purchaseId, line_no: l.lineNo })
      .update({ confirmed: l.quantity });
  return true;
}

export async function saveRefusal(trx: Knex, r: PurchaseOrderRefused): Promise<boolean> {
  const updated = await trx('purchases')
    .where({ purchase_id: r.purchaseId })
    .update({ status: 'REFUSED', refused_at: toDate(r.refusedAt), refuse_reason: r.reason });
  return updated > 0;
}

/**
 * Records a receipt once per Odoo picking and raises each line's received quantity to the
 * receipt's receivedTotal (a replayed older receipt never lowers it).
 */
export async function saveReceipt(trx: Knex, r: PurchaseReceiptValidated): Promise<boolean> {
  const known = await trx('purchases')
    .where({ purchase_id: r.purchaseId })
    .count<[{ n: string }]>({ n: '*' });
  if (!Number(known[0]?.n)) return false;
  await trx('purchase_receipts')
    .insert({
      odoo_picking_id: r.odooPickingId,
      purchase_id: r.purchaseId,
      odoo_picking_name: r.odooPickingName,
      backorder: r.backorder,
      received_at: toDate(r.receivedAt),
    })
    .onConflict('odoo_picking_id')
    .ignore();
  for (const l of r.lines)
    await trx.raw(
      'update purchase_lines set received = greatest(received, ?) where purchase_id = ? and line_no = ?',
      [l.receivedTotal, r.purchaseId, l.lineNo],
    );
  return true;
}

interface PurchaseRow {
  purchase_id: string;
  odoo_purchase_id: string;
  odoo_reference: string;
  supplier_code: string;
  warehouse_code: string;
  currency: string;
  status: PurchaseStatus;
  refuse_reason: string | null;
}

interface LineRow {
  line_no: number;
  sku: string;
  uom: string;
  ordered: number;
  confirmed: number | null;
  received: number;
  unit_price_minor: string;
}

/** The purchases with their lines: one, or all (the verify report) with undefined. */
export async function loadPurchases(db: Knex, purchaseId?: string): Promise<Purchase[]> {
  const q = db<PurchaseRow>('purchases').orderBy('purchase_id');
  const purchases = await (purchaseId ? q.where({ purchase_id: purchaseId }) : q);
  if (!purchases.length) return [];
  const lq = db<LineRow & { purchase_id: string }>('purchase_lines').orderBy([
    'purchase_id',
    'line_no',
  ]);
  const lines = await (purchaseId ? lq.where({ purchase_id: purchaseId }) : lq);
  const byPurchase = new Map<string, Purchase['lines']>();
  for (const l of lines) {
    const list = byPurchase.get(l.purchase_id) ?? [];
    list.push({
      lineNo: l.line_no,
      sku: l.sku,
      uom: l.uom,
      ordered: l.ordered,
      confirmed: l.confirmed,
      received: l.received,
      unitPriceMinor: num(l.unit_price_minor),
    });
    byPurchase.set(l.purchase_id, list);
  }
  return purchases.map((p) => ({
    purchaseId: p.purchase_id,
    odooPurchaseId: p.odoo_purchase_id,
    odooReference: p.odoo_reference,
    supplierCode: p.supplier_code,
    warehouseCode: p.warehouse_code,
    currency: p.currency,
    status: p.status,
    refuseReason: p.refuse_reason,
    lines: byPurchase.get(p.purchase_id) ?? [],
  }));
}

export const loadPurchase = async (db: Knex, purchaseId: string): Promise<Purchase | undefined> =>
  (await loadPurchases(db, purchaseId))[0];
