import type { Knex } from 'knex';
import type { CreditLine, CreditNote, RejectedReturn } from '../../domain';
import { ms, num, toDate } from './rows';

export async function saveCreditNote(trx: Knex, c: CreditNote): Promise<void> {
  await trx('credit_notes').insert({
    credit_note_id: c.creditNoteId,
    credit_note_number: c.creditNoteNumber,
    order_id: c.orderId,
    invoice_id: c.invoiceId,
    return_id: c.returnId,
    currency: c.currency,
    net_minor: c.netMinor,
    tax_minor: c.taxMinor,
    total_minor: c.totalMinor,
    reason_code: c.reasonCode,
    issued_at: toDate(c.issuedAt),
  });
  await trx('credit_note_lines').insert(
    c.lines.map((l, position) => ({
      credit_note_id: c.creditNoteId,
      position,
      line_no: l.lineNo,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      amount_minor: l.amountMinor,
      tax_minor: l.taxMinor,
    })),
  );
}

/** A return already handled (credited, refused or parked): replays with new event ids stop here. */
export async function returnHandled(trx: Knex, returnId: string): Promise<boolean> {
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `select 1 from credit_notes where return_id = :id
     union all select 1 from rejected_returns where return_id = :id
     union all select 1 from pending_returns where return_id = :id`,
    { id: returnId },
  );
  return rows.length > 0;
}

export async function saveRejectedReturn(trx: Knex, r: RejectedReturn): Promise<void> {
  await trx('rejected_returns')
    .insert({
      return_id: r.returnId,
      order_id: r.orderId,
      shipment_id: r.shipmentId,
      reason: r.reason,
    })
    .onConflict('return_id')
    .ignore();
}

export async function loadRejectedReturns(db: Knex, orderId: string): Promise<RejectedReturn[]> {
  const rows = await db('rejected_returns')
    .where({ order_id: orderId })
    .select<Array<{ return_id: string; order_id: string; shipment_id: string; reason: string }>>();
  return rows.map((r) => ({
    returnId: r.return_id,
    orderId: r.order_id,
    shipmentId: r.shipment_id,
    reason: r.reason,
  }));
}

interface Row {
  credit_note_id: string;
  credit_note_number: string;
  order_id: string;
  invoice_id: string;
  return_id: string | null;
  currency: string;
  net_minor: string;
  tax_minor: string;
  total_minor: string;
  reason_code: string;
  issued_at: Date;
}

interface LineRow {
  credit_note_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  uom: string;
  amount_minor: string;
  tax_minor: string;
}

const toLine = (l: LineRow): CreditLine => ({
  lineNo: l.line_no,
  sku: l.sku,
  quantity: l.quantity,
  uom: l.uom,
  amountMinor: num(l.amount_minor),
  taxMinor: num(l.tax_minor),
});

async function load(db: Knex, where: Partial<Row>): Promise<CreditNote[]> {
  const rows = await db<Row>('credit_notes').where(where).orderBy('credit_note_number');
  const lines = await db<LineRow>('credit_note_lines')
    .whereIn(
      'credit_note_id',
      rows.map((r) => r.credit_note_id),
    )
    .orderBy(['credit_note_id', 'position']);
  return rows.map((r) => ({
    creditNoteId: r.credit_note_id,
    creditNoteNumber: r.credit_note_number,
    orderId: r.order_id,
    invoiceId: r.invoice_id,
    returnId: r.return_id,
    currency: r.currency,
    lines: lines.filter((l) => l.credit_note_id === r.credit_note_id).map(toLine),
    netMinor: num(r.net_minor),
    taxMinor: num(r.tax_minor),
    totalMinor: num(r.total_minor),
    reasonCode: r.reason_code,
    issuedAt: ms(r.issued_at),
  }));
}

export const loadCreditNotes = (db: Knex, orderId: string) => load(db, { order_id: orderId });

export const creditNotesOfInvoice = (db: Knex, invoiceId: string) =>
  load(db, { invoice_id: invoiceId });
