import type { VendorBillReceived } from '@o2c/contracts';
import type { Knex } from 'knex';
import type { BillDecision, BillMismatch, DecidedBill } from '../../domain';
import { ms, num, toDate } from './rows';

/** Whether this Odoo bill was decided already (a bill is decided once). */
export async function billDecided(db: Knex, odooBillId: string): Promise<boolean> {
  const found = await db('vendor_bills')
    .where({ odoo_bill_id: odooBillId })
    .count<[{ n: string }]>({ n: '*' });
  return Number(found[0]?.n) > 0;
}

/** The bill, its lines and its decision; false when the bill was decided already. */
export async function saveDecidedBill(
  trx: Knex,
  bill: VendorBillReceived,
  decision: BillDecision,
  tolerancePercent: number,
  decidedAt: number,
): Promise<boolean> {
  const inserted = await trx('vendor_bills')
    .insert({
      odoo_bill_id: bill.odooBillId,
      purchase_id: bill.purchaseId,
      bill_reference: bill.billReference,
      currency: bill.currency,
      amount_untaxed_minor: bill.amountUntaxedMinor,
      recorded_at: toDate(bill.recordedAt),
      decision: decision.decision,
      tolerance_percent: tolerancePercent,
      mismatches: JSON.stringify(decision.decision === 'MISMATCHED' ? decision.mismatches : []),
      decided_at: toDate(decidedAt),
    })
    .onConflict('odoo_bill_id')
    .ignore()
    .returning('odoo_bill_id');
  if (!inserted.length) return false;
  if (bill.lines.length)
    await trx('vendor_bill_lines').insert(
      bill.lines.map((l, position) => ({
        odoo_bill_id: bill.odooBillId,
        position,
        line_no: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
        unit_price_minor: l.unitPriceMinor,
      })),
    );
  return true;
}

interface BillRow {
  odoo_bill_id: string;
  purchase_id: string;
  seq: string;
  bill_reference: string | null;
  currency: string;
  amount_untaxed_minor: string;
  recorded_at: Date;
  decision: 'MATCHED' | 'MISMATCHED';
  tolerance_percent: number;
  mismatches: BillMismatch[];
  decided_at: Date;
}

interface BillLineRow {
  odoo_bill_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
  unit_price_minor: string;
}

/** The decided bills of some purchases (all with undefined), by purchase, in decision order. */
export async function loadBills(
  db: Knex,
  purchaseIds?: string[],
): Promise<Map<string, DecidedBill[]>> {
  const query = db<BillRow>('vendor_bills').orderBy('seq');
  const rows = await (purchaseIds ? query.whereIn('purchase_id', purchaseIds) : query);
  const lineRows = rows.length
    ? await db<BillLineRow>('vendor_bill_lines')
        .whereIn(
          'odoo_bill_id',
          rows.map((r) => r.odoo_bill_id),
        )
        .orderBy(['odoo_bill_id', 'position'])
    : [];
  const byPurchase = new Map<string, DecidedBill[]>();
  for (const r of rows) {
    const bills = byPurchase.get(r.purchase_id) ?? [];
    bills.push({
      odooBillId: r.odoo_bill_id,
      billReference: r.bill_reference,
      currency: r.currency,
      amountUntaxedMinor: num(r.amount_untaxed_minor),
      recordedAt: ms(r.recorded_at),
      decidedAt: ms(r.decided_at),
      seq: num(r.seq),
      decision: r.decision,
      tolerancePercent: r.tolerance_percent,
      mismatches: r.mismatches,
      lines: lineRows
        .filter((l) => l.odoo_bill_id === r.odoo_bill_id)
        .map((l) => ({
          lineNo: l.line_no,
          sku: l.sku,
          quantity: l.quantity,
          uom: l.uom,
          unitPriceMinor: num(l.unit_price_minor),
        })),
    });
    byPurchase.set(r.purchase_id, bills);
  }
  return byPurchase;
}

/** Mismatched bills with no matched bill of their purchase decided after them. */
export async function openBillMismatches(
  db: Knex,
): Promise<{ count: number; oldestAt: number | null }> {
  const { rows } = await db.raw<{ rows: Array<{ n: string; oldest: Date | null }> }>(`
    select count(*) n, min(b.decided_at) oldest from vendor_bills b
    where b.decision = 'MISMATCHED' and not exists (select 1 from vendor_bills m
      where m.purchase_id = b.purchase_id and m.decision = 'MATCHED' and m.seq > b.seq)`);
  const row = rows[0];
  return { count: num(row?.n ?? 0), oldestAt: row?.oldest ? ms(row.oldest) : null };
}
