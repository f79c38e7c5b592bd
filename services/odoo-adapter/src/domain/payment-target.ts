/** Whose payment an Odoo invoice's payment is: the platform order and the invoice id invoicing knows. */
export interface PaymentTarget {
  orderId: string;
  invoiceId: string;
}

/** The sale order an invoice's `invoice_origin` names, as the payment feed read it. */
export interface PaidSaleOrder {
  /** Odoo's `client_order_ref`: our order id for the orders the adapter wrote (false when empty). */
  clientOrderRef: unknown;
  /** Set when bootstrap imported the sale order (imported_orders): that platform order's id. */
  importedOrderId?: string;
}

/**
 * An imported order's invoices are Odoo's own: invoicing knows them by their name (number),
 * whatever the sale order's client_order_ref holds (the old integration's key, or nothing). Any
 * other sale order is ours when client_order_ref holds our order id, and its invoice carries our
 * invoice id in `ref`. A sale order that is neither gives no payment event.
 */
export function paymentTarget(
  invoice: { name: unknown; ref: unknown },
  saleOrder: PaidSaleOrder | undefined,
): PaymentTarget | undefined {
  if (!saleOrder) return undefined;
  if (saleOrder.importedOrderId !== undefined)
    return { orderId: saleOrder.importedOrderId, invoiceId: String(invoice.name) };
  if (typeof saleOrder.clientOrderRef !== 'string') return undefined;
  return {
    orderId: saleOrder.clientOrderRef,
    invoiceId: typeof invoice.ref === 'string' ? invoice.ref : String(invoice.name),
  };
}
