export type DomainErrorCode =
  | 'ORDER_NOT_FOUND'
  | 'SHIPMENT_NOT_FOUND'
  | 'SHIPMENT_NOT_DELIVERED'
  | 'RETURN_EXCEEDS_SHIPPED'
  | 'LINE_NOT_SHIPPED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'MILESTONE_TOO_EARLY';

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
