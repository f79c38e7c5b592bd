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

/** The imported state last applied to an order: what a later OrderImported is checked against. */
export interface ImportedState {
  channelCode: string;
  channelOrderRef: string;
  odooSaleOrderId: number;
  currency: string;
  importedAt: number;
  lines: ImportedLine[];
  invoices: ImportedInvoice[];
}

/** What invoicing already holds under the import's keys. */
export interface KnownImport {
  /** An order (accepted or imported) with the event's orderId. */
  orderKnown: boolean;
  /** Its imported state, when that order was imported (undefined for an accepted order). */
  imported: ImportedState | undefined;
  /** The orderId already imported for (channelCode, channelOrderRef), if any. */
  importedAs: string | undefined;
}

/** A newer snapshot of an imported order: quantities per line and the invoices Odoo added. */
export interface ImportRefresh {
  orderId: string;
  importedAt: number;
  lines: Array<{ lineNo: number; deliveredQuantity: number; invoicedQuantity: number }>;
  newInvoices: ImportedInvoice[];
}

export type ImportDecision =
  | { kind: 'record'; order: ImportedOrder }
  | { kind: 'refresh'; refresh: ImportRefresh }
  | { kind: 'stale'; orderId: string; appliedAt: number }
  | { kind: 'duplicate'; orderId: string };
