/** A sale order as bootstrap reads it from Odoo, before any mapping to the platform's codes. */
export interface OdooSaleOrder {
  id: number;
  name: string;
  /** draft | sent | sale | done | cancel */
  state: string;
  clientOrderRef: string | null;
  /** The partner's field customers are keyed by (ODOO_CUSTOMER_KEY); null when empty. */
  customerKey: string | null;
  warehouseCode: string | null;
  currency: string | null;
  /** date_order, UTC epoch ms. */
  orderedAt: number;
  /** Product lines only (sections and notes are left out), in Odoo's order. */
  lines: OdooSaleLine[];
  /** Outgoing deliveries in state done. */
  deliveries: number;
  /** Customer invoices of the order (by invoice_origin), any state but cancelled. */
  invoices: OdooInvoice[];
  /** Credit notes reversing the order's invoices, any state but cancelled. */
  creditNotes: number;
}

export interface OdooSaleLine {
  id: number;
  sequence: number;
  /** The product's internal reference (default_code); null when the line has none. */
  sku: string | null;
  quantity: number;
  uomName: string | null;
  priceUnit: number;
  discount: number;
  delivered: number;
  /** Summed over the lines of posted invoices only. */
  invoicedPosted: number;
}

export interface OdooInvoice {
  id: number;
  name: string;
  /** draft | posted */
  state: string;
  /** not_paid | in_payment | paid | partial | reversed | … */
  paymentState: string;
  totalMinor: number;
}
