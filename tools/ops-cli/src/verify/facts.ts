/** Quantities per order line, keyed by lineNo as a string, in the order line's unit. */
export type ByLine = Record<string, number>;

export interface Violation {
  check: string;
  orderId: string | null;
  message: string;
  /** The service that reported it, or 'verify' for cross-service checks. */
  source: string;
}

/** What a service's GET /admin/verify returns. */
export interface ServiceReport<O> {
  service: string;
  checkedAt: number;
  violations: Array<Omit<Violation, 'source'>>;
  orders: Record<string, O>;
}

export interface IntakeOrder {
  status: string;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryOrder {
  reservedByLine: ByLine;
  backorderedByLine: ByLine;
  releasedByLine: ByLine;
  consumedByLine: ByLine;
}

export interface FulfillmentOrder {
  state: 'IN_PROGRESS' | 'WAITING_STOCK' | 'COMPLETED' | 'ESCALATED' | 'CANCELLED';
  shippedByLine: ByLine;
  returnedByLine: ByLine;
  shipments: number;
  updatedAt: number;
}

export interface InvoicingOrder {
  invoicedByLine: ByLine;
  creditedByLine: ByLine;
  invoices: number;
  invoicedMinor: number;
  creditedMinor: number;
  paidMinor: number;
  /** Absent in reports of services older than these fields. */
  creditNotes?: number;
  currency?: string;
}

/**
 * Odoo's side, per platform order id: its sale orders (by client_order_ref), their lines'
 * qty_delivered by our line number (the line's `sequence`), and the posted customer invoices
 * (by invoice_origin) and credit notes (reversing those invoices) with their totals.
 */
export interface OdooOrder {
  saleOrders: number;
  postedInvoices: number;
  deliveredByLine: ByLine;
  /** Sum of amount_total, in minor units. */
  invoicedMinor: number;
  postedCreditNotes: number;
  creditedMinor: number;
  /** Currency codes of the sale orders and posted documents, sorted, without repeats. */
  currencies: string[];
}

export interface PlatformFacts {
  intake: ServiceReport<IntakeOrder>;
  inventory: ServiceReport<InventoryOrder>;
  fulfillment: ServiceReport<FulfillmentOrder>;
  invoicing: ServiceReport<InvoicingOrder>;
  /** Absent when Odoo is not checked (--no-odoo). */
  odoo?: Record<string, OdooOrder>;
}
