export type DomainErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'LINE_NOT_ON_ORDER'
  | 'UOM_MISMATCH'
  | 'EMPTY_SHIPMENT'
  | 'RETURN_LINE_NOT_INVOICED'
  | 'CREDIT_EXCEEDS_INVOICED'
  | 'PURCHASE_NOT_FOUND'
  | 'INVALID_IMPORT'
  | 'IMPORT_REFRESH_REFUSED'
  | 'NOT_AN_IMPORTED_ORDER';

/** A fact the invoicing rules refuse; the domain throws nothing else. */
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
