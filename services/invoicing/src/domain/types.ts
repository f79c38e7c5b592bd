/** An order line as OrderAccepted fixed it: the price every shipment of it is invoiced at. */
export interface OrderLine {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  unitPriceMinor: number;
}

export interface Order {
  orderId: string;
  customerId: string;
  currency: string;
  lines: OrderLine[];
  cancelledAt: number | null;
}

/** A quantity of one order line; sku is what physically moved (a substitute keeps the lineNo). */
export interface QuantityLine {
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
}

export interface Shipment {
  shipmentId: string;
  orderId: string;
  lines: QuantityLine[];
  dispatchedAt: number;
  deliveredAt: number | null;
}

export interface InvoiceLine extends QuantityLine {
  unitPriceMinor: number;
  /** Before tax. */
  amountMinor: number;
  taxMinor: number;
}

export interface Invoice {
  invoiceId: string;
  invoiceNumber: string;
  orderId: string;
  shipmentId: string;
  customerId: string;
  currency: string;
  lines: InvoiceLine[];
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxRateBps: number;
  issuedAt: number;
  dueAt: number;
}

export interface CreditLine extends QuantityLine {
  amountMinor: number;
  taxMinor: number;
}

export interface CreditNote {
  creditNoteId: string;
  creditNoteNumber: string;
  orderId: string;
  invoiceId: string;
  returnId: string | null;
  currency: string;
  lines: CreditLine[];
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  reasonCode: string;
  issuedAt: number;
}

export interface Payment {
  odooPaymentId: string;
  orderId: string;
  invoiceId: string;
  amountMinor: number;
  currency: string;
  receivedAt: number;
}

/** Reservation facts per order line, for the report: reserved, released or backordered. */
export interface StockFact {
  lineNo: number;
  kind: 'reserved' | 'released' | 'backordered';
  quantity: number;
}

/** A return refused because it credits more than was invoiced: kept, and reported. */
export interface RejectedReturn {
  returnId: string;
  orderId: string;
  shipmentId: string;
  reason: string;
}
