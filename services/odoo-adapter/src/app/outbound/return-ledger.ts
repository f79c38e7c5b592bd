/** A return recorded as waiting for the invoices of its products (its resaleable lines). */
export interface WaitingReturn {
  returnId: string;
  orderId: string;
  shipmentId: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

/**
 * The adapter's record of the returns it sends to Odoo, committed outside the consumer's
 * transaction: the return picking Odoo created for a return, so a retry validates it instead of
 * creating a second return; and the returns waiting for their products' invoices.
 */
export interface ReturnLedger {
  seen(r: { returnId: string; orderId: string; shipmentId: string }): Promise<void>;
  pickingOf(returnId: string): Promise<number | undefined>;
  /** Return pickings of the delivery that our returns already hold. */
  claimedOf(deliveryPickingId: number): Promise<number[]>;
  created(returnId: string, deliveryPickingId: number, pickingId: number): Promise<void>;
  validated(returnId: string): Promise<void>;
  waitForInvoice(returnId: string, lines: WaitingReturn['lines']): Promise<void>;
  /** The order's returns waiting for an invoice, oldest first. */
  waitingOf(orderId: string): Promise<WaitingReturn[]>;
  /** A waiting return Odoo refused once its invoice came: kept with the reason, no longer waiting. */
  refused(returnId: string, reason: string): Promise<void>;
}
