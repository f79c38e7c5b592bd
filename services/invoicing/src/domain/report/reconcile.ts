import { lineAmount, sum, sumQty } from '../money';
import { invoiceBalance } from '../payment/payment-status';
import type { QuantityLine } from '../types';
import { lineMismatches, moneyMismatches } from './mismatches';
import type {
  OrderRecord,
  ReconciliationReport,
  ReportImportedInvoice,
  ReportInvoice,
  ReportLine,
} from './report-types';

const qtyOf = (lines: readonly QuantityLine[], lineNo: number) =>
  sumQty(lines.filter((l) => l.lineNo === lineNo).map((l) => l.quantity));

/** What Odoo had delivered / invoiced of a line before an import; 0 for an order we accepted. */
const importedQty = (r: OrderRecord, lineNo: number, what: 'delivered' | 'invoiced') => {
  const line = r.imported?.lines.find((l) => l.lineNo === lineNo);
  if (!line) return 0;
  return what === 'delivered' ? line.deliveredQuantity : line.invoicedQuantity;
};

function reportLines(r: OrderRecord): ReportLine[] {
  const shipped = r.shipments.flatMap((s) => s.lines);
  const invoiced = r.invoices.flatMap((i) => i.lines);
  const credited = r.creditNotes.flatMap((c) => c.lines);
  const stock = (lineNo: number, kind: string) =>
    sumQty(r.stock.filter((s) => s.lineNo === lineNo && s.kind === kind).map((s) => s.quantity));
  return r.order.lines.map((l) => ({
    lineNo: l.lineNo,
    sku: l.sku,
    uom: l.uom,
    ordered: l.quantity,
    reserved: sumQty([stock(l.lineNo, 'reserved'), -stock(l.lineNo, 'released')]),
    backordered: stock(l.lineNo, 'backordered'),
    shipped: sumQty([qtyOf(shipped, l.lineNo), importedQty(r, l.lineNo, 'delivered')]),
    invoiced: sumQty([qtyOf(invoiced, l.lineNo), importedQty(r, l.lineNo, 'invoiced')]),
    credited: qtyOf(credited, l.lineNo),
  }));
}

function reportInvoices(r: OrderRecord): ReportInvoice[] {
  return r.invoices.map((i) => {
    const notes = r.creditNotes.filter((c) => c.invoiceId === i.invoiceId);
    const creditedMinor = sum(notes.map((c) => c.totalMinor));
    const paidMinor = sum(
      r.payments.filter((p) => p.invoiceId === i.invoiceId).map((p) => p.amountMinor),
    );
    const balance = invoiceBalance({ totalMinor: i.totalMinor, creditedMinor, paidMinor });
    return {
      invoiceId: i.invoiceId,
      invoiceNumber: i.invoiceNumber,
      shipmentId: i.shipmentId,
      issuedAt: i.issuedAt,
      dueAt: i.dueAt,
      netMinor: i.netMinor,
      taxMinor: i.taxMinor,
      totalMinor: i.totalMinor,
      creditedMinor,
      paidMinor,
      outstandingMinor: balance.outstandingMinor,
      status: balance.status,
      creditNotes: notes.map((c) => ({
        creditNoteId: c.creditNoteId,
        creditNoteNumber: c.creditNoteNumber,
        returnId: c.returnId,
        totalMinor: c.totalMinor,
      })),
    };
  });
}

function reportImportedInvoices(r: OrderRecord): ReportImportedInvoice[] | undefined {
  return r.imported?.invoices.map((i) => {
    const paidMinor = sum(
      r.payments
        .filter((p) => p.invoiceId === i.name || p.invoiceId === String(i.odooInvoiceId))
        .map((p) => p.amountMinor),
    );
    const balance = invoiceBalance({ totalMinor: i.totalMinor, creditedMinor: 0, paidMinor });
    return { ...i, paidMinor, outstandingMinor: balance.outstandingMinor, status: balance.status };
  });
}

/** The audit trail of one order, line by line and in money, with every mismatch it shows. */
export function reconcile(r: OrderRecord, now: number): ReconciliationReport {
  const lines = reportLines(r);
  const invoices = reportInvoices(r);
  const imported = reportImportedInvoices(r);
  const invoicedMinor = sum([...r.invoices, ...(imported ?? [])].map((i) => i.totalMinor));
  const creditedMinor = sum(r.creditNotes.map((c) => c.totalMinor));
  const paidMinor = sum(r.payments.map((p) => p.amountMinor));
  const totals = {
    orderedMinor: sum(r.order.lines.map((l) => lineAmount(l.quantity, l.unitPriceMinor))),
    invoicedMinor,
    creditedMinor,
    paidMinor,
    outstandingMinor: Math.max(0, invoicedMinor - creditedMinor - paidMinor),
  };
  return {
    orderId: r.order.orderId,
    currency: r.order.currency,
    cancelled: r.order.cancelledAt !== null,
    lines,
    totals,
    invoices,
    payments: r.payments,
    ...(imported && { importedInvoices: imported }),
    mismatches: [
      ...lineMismatches(lines, r.imported !== undefined),
      ...moneyMismatches(r, invoices, totals, now),
    ],
  };
}
