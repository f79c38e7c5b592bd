export type ReplenishmentErrorCode =
  | 'RULE_NOT_FOUND'
  | 'PROPOSAL_NOT_FOUND'
  | 'PROPOSAL_NOT_PENDING'
  | 'UNKNOWN_SKU'
  | 'UNKNOWN_WAREHOUSE';

/** A replenishment command refused: a missing rule or proposal, or one no longer pending. */
export class ReplenishmentError extends Error {
  constructor(
    readonly code: ReplenishmentErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ReplenishmentError';
  }
}
