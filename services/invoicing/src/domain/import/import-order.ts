import type { OrderImported } from '@o2c/contracts';
import { DomainError } from '../errors';
import type { OrderLine } from '../types';

/** A posted Odoo invoice of an imported order: kept to match its payments, never reissued. */
export interface ImportedInvoice {
  odooInvoiceId: number;
  name: string;
  orderId: string;
  currency: string;
  /** As Odoo posted it, tax included. */
  totalMinor: number;
}

export interface ImportedLine extends OrderLine {
  deliveredQuantity: number;
  invoicedQuantity: number;
}

/** An order as Odoo held it when o2c-ops bootstrap imported it. */
export interface ImportedOrder {
  orderId: string;
  channelCode: string;
  channelOrderRef: string;
  customerId: string;
  warehouseCode: string;
  currency: string;
  totalMinor: number;
  odooSaleOrderId: number;
  odooSaleOrderName: string;
  importedAt: number;
  lines: ImportedLine[];
  invoices: ImportedInvoice[];
}

/** What invoicing already holds under the import's two keys. */
export interface KnownImport {
  /** An order (accepted or imported) with the event's orderId. */
  orderKnown: boolean;
  /** The orderId already imported for (channelCode, channelOrderRef), if any. */
  importedAs: string | undefined;
}

export type ImportDecision =
  { kind: 'record'; order: ImportedOrder } | { kind: 'duplicate'; orderId: string };

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
 * OrderImported → the order, its lines and Odoo's posted invoices to record, or a duplicate when
 * the order id or the sale order (channelCode, channelOrderRef) is already known. Nothing is
 * issued: Odoo already holds the invoices.
 */
export function decideImport(e: OrderImported, known: KnownImport): ImportDecision {
  if (known.orderKnown) return { kind: 'duplicate', orderId: e.orderId };
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
