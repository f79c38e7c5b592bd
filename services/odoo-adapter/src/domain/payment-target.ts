/** Whose payment an Odoo invoice's payment is: the platform order and the invoice id invoicing knows. */
export interface PaymentTarget {
  orderId: string;
  invoiceId: string;
}

/** The sale order an invoice's `invoice_origin` names, as the payment feed read it. */
export interface PaidSaleOrder {
  /** Set when the adapter wrote the sale order for a platform order (its sync log): that id. */
  platformOrderId?: string;
  /** Set when bootstrap imported the sale order (imported_orders): that platform order's id. */
  importedOrderId?: string;
}

/**
 * An imported order's invoices are Odoo's own: invoicing knows them by their name (number),
 * whatever the sale order's client_order_ref holds (the old integration's key, or nothing). A
 * sale order the adapter wrote is paid under its order, and its invoice carries our invoice id in
 * `ref`. Any other sale order (an old integration's, a person's) is not the platform's: no event.
 */
export function paymentTarget(
  invoice: { name: unknown; ref: unknown },
  saleOrder: PaidSaleOrder | undefined,
): PaymentTarget | undefined {
  if (saleOrder?.importedOrderId !== undefined)
    return { orderId: saleOrder.importedOrderId, invoiceId: String(invoice.name) };
  if (saleOrder?.platformOrderId === undefined) return undefined;
  return {
    orderId: saleOrder.platformOrderId,
    invoiceId: typeof invoice.ref === 'string' && invoice.ref ? invoice.ref : String(invoice.name),
  };
}
