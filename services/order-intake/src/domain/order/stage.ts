/** Milestones of an order's way to cash, each timed from the order's receipt. */
export type OrderStage = 'accepted' | 'reserved' | 'shipped' | 'invoiced';

const stageEvents: Record<string, OrderStage> = {
  OrderAccepted: 'accepted',
  StockReserved: 'reserved',
  ShipmentDispatched: 'shipped',
  InvoiceIssued: 'invoiced',
};

/** The stage the first event of this type marks (a second reservation or shipment marks none). */
export const stageOf = (eventType: string): OrderStage | undefined => stageEvents[eventType];

/** Seconds from receipt to a stage; never negative, as the two times come from different clocks. */
export const stageSeconds = (receivedAt: number, reachedAt: number): number =>
  Math.max(0, reachedAt - receivedAt) / 1000;
