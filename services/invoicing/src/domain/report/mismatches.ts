import { QTY_EPSILON } from '../money';
import type {
  OrderRecord,
  Mismatch,
  ReportInvoice,
  ReportLine,
  ReportTotals,
} from './report-types';

const gt = (a: number, b: number) => a > b + QTY_EPSILON;

/**
 * Quantity checks per order line: shipped within ordered, invoiced = shipped, credited within
 * invoiced. An imported order is not held to invoiced = shipped: the path that wrote it in Odoo
 * invoices it, on its own schedule.
 */
export function lineMismatches(lines: ReportLine[], imported = false): Mismatch[] {
  return lines.flatMap((l): Mismatch[] => {
    const found: Mismatch[] = [];
    const at = `line ${l.lineNo} (${l.sku})`;
    if (gt(l.shipped, l.ordered))
      found.push({
        code: 'SHIPPED_GT_ORDERED',
        lineNo: l.lineNo,
        message: `${at}: shipped ${l.shipped} ${l.uom}, ordered ${l.ordered}`,
      });
    if (!imported && Math.abs(l.invoiced - l.shipped) > QTY_EPSILON)
      found.push({
        code: 'INVOICED_NE_SHIPPED',
        lineNo: l.lineNo,
        message: `${at}: invoiced ${l.invoiced} ${l.uom}, shipped ${l.shipped}`,
      });
    if (gt(l.credited, l.invoiced))
      found.push({
        code: 'CREDITED_GT_INVOICED',
        lineNo: l.lineNo,
        message: `${at}: credited ${l.credited} ${l.uom}, invoiced ${l.invoiced}`,
      });
    return found;
  });
}

/** Order-level checks: cancellation vs shipments, payments vs invoices, due dates, refused returns. */
export function moneyMismatches(
  r: OrderRecord,
  invoices: ReportInvoice[],
  totals: ReportTotals,
  now: number,
): Mismatch[] {
  const found: Mismatch[] = [];
  const { order } = r;
  if (order.cancelledAt !== null && r.shipments.length > 0)
    found.push({
      code: 'SHIPPED_BUT_CANCELLED',
      message: `order cancelled but ${r.shipments.length} shipment(s) dispatched: ${r.shipments.map((s) => s.shipmentId).join(', ')}`,
    });
  const net = totals.invoicedMinor - totals.creditedMinor;
  if (totals.paidMinor > net)
    found.push({
      code: 'PAID_GT_INVOICED',
      message: `paid ${totals.paidMinor} ${order.currency} but invoiced ${net} net of credit notes`,
    });
  for (const i of invoices.filter((x) => x.outstandingMinor > 0 && x.dueAt < now))
    found.push({
      code: 'UNPAID_AFTER_DUE',
      message: `invoice ${i.invoiceNumber}: ${i.outstandingMinor} ${order.currency} outstanding, due ${new Date(i.dueAt).toISOString()}`,
    });
  const known = new Set([
    ...r.invoices.map((i) => i.invoiceId),
    ...(r.imported?.invoices ?? []).flatMap((i) => [i.name, String(i.odooInvoiceId)]),
  ]);
  for (const p of r.payments) {
    if (!known.has(p.invoiceId))
      found.push({
        code: 'PAYMENT_UNKNOWN_INVOICE',
        message: `payment ${p.odooPaymentId} is for invoice ${p.invoiceId}, not one of this order's`,
      });
    if (p.currency !== order.currency)
      found.push({
        code: 'PAYMENT_CURRENCY_MISMATCH',
        message: `payment ${p.odooPaymentId} is in ${p.currency}, the order in ${order.currency}`,
      });
  }
  for (const x of r.rejectedReturns)
    found.push({ code: 'RETURN_EXCEEDS_INVOICED', message: x.reason });
  return found;
}
