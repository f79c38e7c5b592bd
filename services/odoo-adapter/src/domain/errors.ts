export type DomainErrorCode =
  | 'UNKNOWN_SKU'
  | 'UNKNOWN_UOM'
  | 'UNKNOWN_WAREHOUSE'
  | 'UNKNOWN_CUSTOMER'
  | 'ORDER_NOT_IN_ODOO'
  | 'PICKING_NOT_FOUND'
  | 'SHIPMENT_EXCEEDS_DEMAND'
  | 'ORDER_ALREADY_DELIVERED'
  | 'ODOO_UNEXPECTED_WIZARD'
  | 'ODOO_NO_PRICELIST_FOR_CURRENCY'
  | 'ODOO_CURRENCY_MISMATCH'
  | 'RETURN_EXCEEDS_DELIVERY';

/** A decision the adapter cannot make from the event and Odoo's data: permanent, never retried. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/**
 * The order's sale order is not in Odoo yet, or not confirmed: its OrderAccepted (another topic)
 * has not been synced. Not a fault of the event: it waits for the sale order, parked.
 */
export class SaleOrderNotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaleOrderNotReady';
  }
}
