/** Which orders a subscription wants, beyond its event types; absent fields match every order. */
export interface SubscriptionFilter {
  channel?: string;
  customerId?: string;
}

export type SubscriptionStatus = 'active' | 'disabled';

export interface Subscription {
  id: string;
  url: string;
  eventTypes: string[];
  filter: SubscriptionFilter;
  description: string | null;
  status: SubscriptionStatus;
  /** Failed attempts since the last success; at the threshold the subscription is disabled. */
  consecutiveFailures: number;
  disabledReason: string | null;
}

/** What the matcher knows of an event's order (from OrderAccepted or OrderRejected). */
export interface OrderFacts {
  channel: string;
  customerId: string | null;
}

export const hasFilter = (s: Pick<Subscription, 'filter'>): boolean =>
  s.filter.channel !== undefined || s.filter.customerId !== undefined;

/** Whether the subscription wants this event; `order` is needed only when it has a filter. */
export function wants(
  s: Pick<Subscription, 'eventTypes' | 'filter'>,
  eventType: string,
  order: OrderFacts | undefined,
): boolean {
  if (!s.eventTypes.includes(eventType)) return false;
  if (!hasFilter(s)) return true;
  if (!order) return false;
  if (s.filter.channel !== undefined && s.filter.channel !== order.channel) return false;
  return s.filter.customerId === undefined || s.filter.customerId === order.customerId;
}
