export { hasFilter, wants } from './subscription';
export type {
  OrderFacts,
  Subscription,
  SubscriptionFilter,
  SubscriptionStatus,
} from './subscription';
export { DEFAULT_RETRY_SCHEDULE_MS, nextAttemptDelay } from './retry-schedule';
export { webhookBody, webhookType } from './webhook-body';
export type { DeliveredEvent } from './webhook-body';
