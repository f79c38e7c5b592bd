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

/** A purchase as invoicing's ledger holds it (lines keyed by lineNo as a string). */
export interface InvoicingPurchase {
  status: string;
  odooReference: string;
  lines: Record<string, { sku: string; ordered: number; received: number; billed: number }>;
  /** In decision order; billed quantities above count only matched bills. */
  bills: Array<{
    odooBillId: string;
    decision: 'MATCHED' | 'MISMATCHED';
    /** Mismatched and not superseded by a later matched bill of the purchase. */
    open: boolean;
    mismatches: Array<{ lineNo: number; kind: string }>;
  }>;
}

/** invoicing's report; purchases and tolerancePercent are absent before procure-to-pay. */
export interface InvoicingReport extends ServiceReport<InvoicingOrder> {
  tolerancePercent?: number;
  purchases?: Record<string, InvoicingPurchase>;
}

/** A replenishment proposal as inventory-sync reports it. */
export interface InventoryProposal {
  status: string;
  sku: string;
  warehouseCode: string;
  purchaseId: string | null;
  /** Why it is still open or ended without stock; null when nothing needs explaining. */
  reason: string | null;
}

/** inventory-sync's report; proposals are absent before procure-to-pay. */
export interface InventoryReport extends ServiceReport<InventoryOrder> {
  proposals?: Record<string, InventoryProposal>;
}

export interface OdooPurchaseOrder {
  name: string;
  state: string;
  /** The latest write_date of the order and its lines (UTC epoch ms): receipts move it. */
  writtenAt: number;
  /** qty_received per line, keyed by the line's rank by id within the order (our lineNo). */
  receivedByLine: ByLine;
}

/**
 * Odoo's purchase orders whose origin is one of ours (PUR-…), by origin, and the state of the
 * vendor bills invoicing found mismatched, by account.move id.
 */
export interface OdooPurchases {
  orders: Record<string, OdooPurchaseOrder[]>;
  billStates: Record<string, string>;
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
  /** IMPORTED: bootstrap imported it from Odoo still open; the path that wrote it finishes it. */
  state: 'IN_PROGRESS' | 'WAITING_STOCK' | 'COMPLETED' | 'ESCALATED' | 'CANCELLED' | 'IMPORTED';
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
  inventory: InventoryReport;
  fulfillment: ServiceReport<FulfillmentOrder>;
  invoicing: InvoicingReport;
  /** Absent when Odoo is not checked (--no-odoo). */
  odoo?: Record<string, OdooOrder>;
  /** Absent when Odoo is not checked, or when the platform knows no purchase or proposal. */
  odooPurchases?: OdooPurchases;
  /**
   * Orders odoo-adapter handled in shadow mode (a channel still written by the old integration):
   * the platform must not have written them in Odoo; how Odoo holds them is the shadow report's.
   */
  shadowOrders?: string[];
  /**
   * Orders o2c-ops bootstrap imported from Odoo (also shadow orders): Odoo's path invoices them,
   * so they may be invoiced less than shipped, even once cancelled there.
   */
  importedOrders?: string[];
}
