import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';

export interface OrderDeps {
  db: Knex;
  outbox: Outbox;
  /** Prepended to sales.orders (isolated environments on a shared cluster, tests). */
  topicPrefix: string;
  now: () => number;
  newOrderId: () => string;
}

/** What caused a command, carried into the envelope of the events it causes. */
export interface Cause {
  causationId?: string;
  traceparent?: string;
}
