export type OutboxRelayErrorCode = 'CHECKPOINT_AHEAD';

/** A relay failure that retrying will not fix by itself (an operator must look). */
export class OutboxRelayError extends Error {
  constructor(
    readonly code: OutboxRelayErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OutboxRelayError';
  }
}
