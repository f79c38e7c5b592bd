export type DomainErrorCode = 'ORDER_NOT_FOUND' | 'ORDER_NOT_CANCELLABLE';

/** A command the order's current state refuses; decide() throws nothing else. */
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
