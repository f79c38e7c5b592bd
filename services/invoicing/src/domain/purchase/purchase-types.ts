/** A purchase as invoicing's ledger holds it, from odoo.purchases. Money in minor units. */
export type PurchaseStatus = 'PLACED' | 'CONFIRMED' | 'REFUSED';

export interface PurchaseLedgerLine {
  lineNo: number;
  sku: string;
  uom: string;
  /** As placed. */
  ordered: number;
  /** As the supplier confirmed it (replaces ordered for the match), null before. */
  confirmed: number | null;
  /** Received by all validated receipts so far. */
  received: number;
  unitPriceMinor: number;
}

export interface Purchase {
  purchaseId: string;
  odooPurchaseId: string;
  odooReference: string;
  supplierCode: string;
  warehouseCode: string;
  currency: string;
  status: PurchaseStatus;
  refuseReason: string | null;
  lines: PurchaseLedgerLine[];
}

export interface BillLine {
  /** 0 for a line not linked to the purchase order. */
  lineNo: number;
  sku: string;
  quantity: number;
  uom: string;
  unitPriceMinor: number;
}

export type MismatchKind = 'QUANTITY' | 'PRICE' | 'NOT_ORDERED';

export interface BillMismatch {
  lineNo: number;
  sku: string;
  kind: MismatchKind;
  orderedQuantity: number;
  receivedQuantity: number;
  /** This bill and the earlier matched ones. */
  billedQuantity: number;
  orderedPriceMinor: number;
  billedPriceMinor: number;
}

export type BillDecision =
  { decision: 'MATCHED' } | { decision: 'MISMATCHED'; mismatches: BillMismatch[] };

/** Quantities billed per purchase line, keyed by lineNo. */
export type BilledByLine = Record<number, number>;
