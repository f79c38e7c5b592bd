import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';

export type ReservationOutcome = 'full' | 'partial' | 'backordered' | 'substituted';

export interface InventoryDeps {
  db: Knex;
  outbox: Outbox;
  /** Prepended to inventory.* topics (isolated environments on a shared cluster, tests). */
  topicPrefix: string;
  now: () => number;
  newId: () => string;
  onReserved?: (outcome: ReservationOutcome) => void;
  onDrift?: () => void;
}

/** The event a use case reacts to, carried into the envelope of what it emits. */
export interface Cause {
  eventId: string | null;
  correlationId: string;
}
