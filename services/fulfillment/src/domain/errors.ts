export type DomainErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'SHIPMENT_NOT_FOUND'
  | 'SHIPMENT_NOT_DELIVERED'
  | 'RETURN_EXCEEDS_SHIPPED'
  | 'LINE_NOT_SHIPPED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'MILESTONE_TOO_EARLY'
  | 'NOT_IMPORTED'
  | 'IMPORT_SALE_ORDER_CHANGED'
  | 'IMPORT_LINES_CHANGED'
  | 'IMPORT_QUANTITY_DECREASED';

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
