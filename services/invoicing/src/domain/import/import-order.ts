import type { OrderImported } from '@o2c/contracts';
import { DomainError } from '../errors';
import type { ImportDecision, KnownImport } from './import-types';
import { decideRefresh } from './refresh-import';

function check(e: OrderImported): void {
  const refuse = (message: string) => {
    throw new DomainError('INVALID_IMPORT', `imported order ${e.orderId}: ${message}`);
  };
  if (e.lines.length === 0) refuse('no line');
  if (new Set(e.lines.map((l) => l.lineNo)).size !== e.lines.length) refuse('a line number twice');
  for (const l of e.lines)
    if (l.quantity <= 0 || l.deliveredQuantity < 0 || l.invoicedQuantity < 0)
      refuse(`line ${l.lineNo} has a negative or zero quantity`);
  const ids = e.invoices.map((i) => i.odooInvoiceId);
  if (new Set(ids).size !== ids.length) refuse('an Odoo invoice twice');
  if (new Set(e.invoices.map((i) => i.name)).size !== ids.length) refuse('an invoice name twice');
}

/**
 * OrderImported → the order, its lines and Odoo's posted invoices to record; for an order
 * imported before, a refresh or a stale snapshot (decideRefresh). The same sale order
 * (channelCode, channelOrderRef) under another order id is a duplicate: the first one is kept.
 * An order accepted through the platform is never touched by an import. Nothing is issued:
 * Odoo already holds the invoices.
 */
export function decideImport(e: OrderImported, known: KnownImport): ImportDecision {
  if (known.imported) {
    check(e);
    return decideRefresh(e, known.imported);
  }
  if (known.orderKnown)
    throw new DomainError(
      'NOT_AN_IMPORTED_ORDER',
      `order ${e.orderId} was accepted through the platform, not imported: OrderImported refused`,
    );
  if (known.importedAs !== undefined) return { kind: 'duplicate', orderId: known.importedAs };
  check(e);
  return {
    kind: 'record',
    order: {
      orderId: e.orderId,
      channelCode: e.channelCode,
      channelOrderRef: e.channelOrderRef,
      customerId: e.customerId,
      warehouseCode: e.warehouseCode,
      currency: e.currency,
      totalMinor: e.totalMinor,
      odooSaleOrderId: e.odooSaleOrderId,
      odooSaleOrderName: e.odooSaleOrderName,
      importedAt: e.importedAt,
      lines: e.lines.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
        unitPriceMinor: l.unitPriceMinor,
        deliveredQuantity: l.deliveredQuantity,
        invoicedQuantity: l.invoicedQuantity,
      })),
      invoices: e.invoices.map((i) => ({
        odooInvoiceId: i.odooInvoiceId,
        name: i.name,
        orderId: e.orderId,
        currency: e.currency,
        totalMinor: i.totalMinor,
      })),
    },
  };
}
