import type { Logger } from '@o2c/observability';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { CarrierPort } from '../adapters/carrier/carrier-port';
import type { SagaPolicy } from '../domain';

export interface SagaDeps {
  db: Knex;
  outbox: Outbox;
  /** Prepended to every topic written (isolated environments on a shared cluster, tests). */
  topicPrefix: string;
  policy: SagaPolicy;
  carrier: CarrierPort;
  /** Base URL carriers call back; the webhook path is appended per carrier. */
  publicUrl: () => string;
  now: () => number;
  newId: () => string;
  logger: Logger;
  /** Called once a shipment saved with a step to come is committed (the saga worker's alarm). */
  stepDue?: (at: number) => void;
}

/** What caused a change, carried into the envelope of the events it causes. */
export interface Cause {
  causationId?: string;
  traceparent?: string;
}
