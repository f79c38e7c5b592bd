export type DomainErrorCode = 'UNKNOWN_UOM' | 'UOM_NOT_CONVERTIBLE';

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
