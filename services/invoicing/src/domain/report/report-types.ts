import type { ImportedInvoice } from '../import/import-types';
import type { PaymentStatus } from '../payment/payment-status';
import type {
  CreditNote,
  Invoice,
  Order,
  Payment,
  RejectedReturn,
  Shipment,
  StockFact,
} from '../types';

export type MismatchCode =
  | 'SHIPPED_GT_ORDERED'
  | 'INVOICED_NE_SHIPPED'
  | 'CREDITED_GT_INVOICED'
  | 'PAID_GT_INVOICED'
  | 'UNPAID_AFTER_DUE'
  | 'SHIPPED_BUT_CANCELLED'
  | 'PAYMENT_UNKNOWN_INVOICE'
  | 'PAYMENT_CURRENCY_MISMATCH'
  | 'RETURN_EXCEEDS_INVOICED';

export interface Mismatch {
  code: MismatchCode;
  lineNo?: number;
  message: string;
}

export interface ReportLine {
  lineNo: number;
  sku: string;
  uom: string;
  ordered: number;
  reserved: number;
  /** Quantity ever backordered (later filled or not). */
  backordered: number;
  shipped: number;
  invoiced: number;
  credited: number;
}

export interface ReportInvoice {
  invoiceId: string;
  invoiceNumber: string;
  shipmentId: string;
  issuedAt: number;
  dueAt: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  creditedMinor: number;
  paidMinor: number;
  outstandingMinor: number;
  status: PaymentStatus;
  creditNotes: Array<{
    creditNoteId: string;
    creditNoteNumber: string;
    returnId: string | null;
    totalMinor: number;
  }>;
}

/** Money totals: ordered is before tax (as the order states it); the others include tax. */
export interface ReportTotals {
  orderedMinor: number;
  invoicedMinor: number;
  creditedMinor: number;
  paidMinor: number;
  outstandingMinor: number;
}

export interface ReconciliationReport {
  orderId: string;
  currency: string;
  cancelled: boolean;
  lines: ReportLine[];
  totals: ReportTotals;
  invoices: ReportInvoice[];
  payments: Payment[];
  /** Only for an order imported from Odoo: the invoices Odoo posted before the import. */
  importedInvoices?: ReportImportedInvoice[];
  mismatches: Mismatch[];
}

export interface ReportImportedInvoice extends ImportedInvoice {
  paidMinor: number;
  outstandingMinor: number;
  status: PaymentStatus;
}

/** What Odoo held of an imported order: delivered and invoiced per line, posted invoices. */
export interface ImportedRecord {
  lines: Array<{ lineNo: number; deliveredQuantity: number; invoicedQuantity: number }>;
  invoices: ImportedInvoice[];
}

export interface OrderRecord {
  order: Order;
  stock: StockFact[];
  shipments: Shipment[];
  invoices: Invoice[];
  creditNotes: CreditNote[];
  payments: Payment[];
  rejectedReturns: RejectedReturn[];
  /** Set for an order imported from Odoo. */
  imported?: ImportedRecord;
}
