/**
 * The order's OrderAccepted (sales.orders) has not reached us yet: topics are not ordered
 * relative to each other. An ordinary error, so the runtime retries with back-off.
 */
export class AwaitingOrderError extends Error {
  constructor(orderId: string, what: string) {
    super(`${what}: order ${orderId} not known yet (OrderAccepted not received), retrying`);
    this.name = 'AwaitingOrderError';
  }
}
