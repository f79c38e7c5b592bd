import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { OrderStage } from '../../domain/order';
import type { ImportOutcome } from './import-orders';

export interface OrderDeps {
  db: Knex;
  outbox: Outbox;
  /** Prepended to sales.orders (isolated environments on a shared cluster, tests). */
  topicPrefix: string;
  now: () => number;
  newOrderId: () => string;
  /** Called once per SubmitOrder decision (metrics). */
  onDecided?: (source: 'rest' | 'kafka', outcome: 'accepted' | 'rejected' | 'duplicate') => void;
  /** Called once per import candidate decided and committed (metrics). */
  onImported?: (outcome: ImportOutcome) => void;
  /** Called once per order and stage reached, after the commit (metrics). */
  onStage?: (stage: OrderStage, seconds: number) => void;
}

/** What caused a command, carried into the envelope of the events it causes. */
export interface Cause {
  causationId?: string;
  traceparent?: string;
}
