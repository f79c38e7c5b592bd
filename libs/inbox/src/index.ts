export { inboxMigrations } from './migrations';
export { createConsumerRuntime } from './consumer-runtime';
export type { ConsumerRuntime, ConsumerRuntimeOptions } from './consumer-runtime';
export type { EventHandler, HandlerContext, InboxEvent } from './handler';
export {
  DependencyUnavailableError,
  ParkedBehindError,
  PermanentError,
  PoisonMessageError,
  isPermanent,
  isUnavailable,
} from './errors';
export { backoffDelay, defaultBackoffPolicy } from './backoff';
export type { BackoffPolicy } from './backoff';
export { DeadLetterHeaders, deadLetterTopic, deadLetterHeaders } from './dead-letter';
export type { DeadLetter, DeadLetterReason } from './dead-letter';
export {
  DEFAULT_INBOX_RETENTION_MS,
  purgeInbox,
  readInboxRetention,
  declareInboxRetention,
} from './retention';
export type { InboxRetention } from './retention';
export { listBlockedKeys, releaseKey } from './key-order';
export type { BlockedKey } from './key-order';
