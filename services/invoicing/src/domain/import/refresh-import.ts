import type { OrderImported } from '@o2c/contracts';
import { DomainError } from '../errors';
import { QTY_EPSILON } from '../money';
import type { ImportDecision, ImportedState } from './import-types';

type Refuse = (reason: string) => never;

const iso = (ms: number) => new Date(ms).toISOString();

/** The sale order, its currency and its lines (lineNo, sku, quantity, uom, price) never change. */
function sameOrder(e: OrderImported, was: ImportedState, refuse: Refuse): void {
  const saleOrder = (x: {
    channelCode: string;
    channelOrderRef: string;
    odooSaleOrderId: number;
  }) => `${x.channelCode}/${x.channelOrderRef} (Odoo sale order ${x.odooSaleOrderId})`;
  if (saleOrder(e) !== saleOrder(was))
    refuse(`sale order ${saleOrder(e)}, imported as ${saleOrder(was)}`);
  if (e.currency !== was.currency) refuse(`currency ${e.currency}, imported in ${was.currency}`);
  const now = e.lines.map((l) => l.lineNo).sort((a, b) => a - b);
  const before = was.lines.map((l) => l.lineNo).sort((a, b) => a - b);
  if (now.join() !== before.join())
    refuse(`lines ${now.join(', ')}, imported with lines ${before.join(', ')}`);
  for (const l of e.lines) {
    const w = was.lines.find((x) => x.lineNo === l.lineNo)!;
    const fields = ['sku', 'quantity', 'uom', 'unitPriceMinor'] as const;
    for (const f of fields)
      if (l[f] !== w[f]) refuse(`line ${l.lineNo} ${f} ${String(l[f])}, imported as ${w[f]}`);
  }
}

/** Delivered and invoiced quantities only grow. */
function onlyGrows(e: OrderImported, was: ImportedState, refuse: Refuse): void {
  for (const l of e.lines) {
    const w = was.lines.find((x) => x.lineNo === l.lineNo)!;
    for (const f of ['deliveredQuantity', 'invoicedQuantity'] as const)
      if (l[f] < w[f] - QTY_EPSILON)
        refuse(`line ${l.lineNo} (${l.sku}) ${f} down from ${w[f]} to ${l[f]}`);
  }
}

/** Every invoice already imported is still posted, with the same name and total. */
function keepsInvoices(e: OrderImported, was: ImportedState, refuse: Refuse): void {
  for (const w of was.invoices) {
    const i = e.invoices.find((x) => x.odooInvoiceId === w.odooInvoiceId);
    if (!i) refuse(`invoice ${w.name} (Odoo id ${w.odooInvoiceId}) is gone`);
    if (i.name !== w.name || i.totalMinor !== w.totalMinor)
      refuse(
        `invoice ${w.odooInvoiceId} is now ${i.name} of ${i.totalMinor}, imported as ${w.name} of ${w.totalMinor}`,
      );
  }
}

/**
 * A later OrderImported of an order imported before: a newer snapshot replaces Odoo's delivered
 * and invoiced quantities and adds the invoices Odoo posted since; one not newer than the last
 * applied is stale (a replay must not roll the state back). A snapshot that changes the sale
 * order or its lines, lowers a quantity or loses an invoice contradicts what was imported: it is
 * refused with the reason, never applied in part.
 */
export function decideRefresh(e: OrderImported, was: ImportedState): ImportDecision {
  if (e.importedAt <= was.importedAt)
    return { kind: 'stale', orderId: e.orderId, appliedAt: was.importedAt };
  const refuse: Refuse = (reason) => {
    throw new DomainError(
      'IMPORT_REFRESH_REFUSED',
      `imported order ${e.orderId}: snapshot of ${iso(e.importedAt)} refused, ${reason}`,
    );
  };
  sameOrder(e, was, refuse);
  onlyGrows(e, was, refuse);
  keepsInvoices(e, was, refuse);
  const known = new Set(was.invoices.map((i) => i.odooInvoiceId));
  return {
    kind: 'refresh',
    refresh: {
      orderId: e.orderId,
      importedAt: e.importedAt,
      lines: e.lines.map((l) => ({
        lineNo: l.lineNo,
        deliveredQuantity: l.deliveredQuantity,
        invoicedQuantity: l.invoicedQuantity,
      })),
      newInvoices: e.invoices
        .filter((i) => !known.has(i.odooInvoiceId))
        .map((i) => ({
          odooInvoiceId: i.odooInvoiceId,
          name: i.name,
          orderId: e.orderId,
          currency: e.currency,
          totalMinor: i.totalMinor,
        })),
    },
  };
}
