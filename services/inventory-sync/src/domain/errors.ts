export type DomainErrorCode =
  | 'UNKNOWN_UOM'
  | 'UOM_NOT_CONVERTIBLE'
  | 'NOT_IMPORTED'
  | 'IMPORT_CANCELLED'
  | 'IMPORT_LINES_CHANGED'
  | 'IMPORT_DELIVERY_DECREASED';

/** A quantity or command the stock rules refuse; the decisions throw nothing else. */
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
