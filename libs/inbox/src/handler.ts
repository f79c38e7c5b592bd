import type { DecodedMessage, EventMetadata } from '@o2c/kafka';
import type { Logger } from '@o2c/observability';
import type { Knex } from 'knex';

/** A decoded event as the handler sees it. */
export type InboxEvent<T = unknown> = DecodedMessage<T>;

export interface HandlerContext {
  /** The transaction that also holds the inbox row: write state and outbox rows with it. */
  trx: Knex.Transaction;
  metadata: EventMetadata;
  /** 1, plus the failed runs (the handler threw) so far, across restarts; crashes do not count. */
  attempt: number;
  logger: Logger;
}

/**
 * Applies one event. Throw to retry (infrastructure trouble) or throw a PermanentError to
 * dead-letter at once. Domain rejections are not errors: record them and return.
 */
export type EventHandler<T = unknown> = (
  event: InboxEvent<T>,
  ctx: HandlerContext,
) => Promise<void>;
