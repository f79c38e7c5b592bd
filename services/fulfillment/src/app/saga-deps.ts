import type { Logger } from '@o2c/observability';
import type { Outbox } from '@o2c/outbox';
import type { Knex } from 'knex';
import type { BookingOutcome, CancelOutcome, SagaPolicy, TrackedMilestone } from '../domain';

export interface BookingRequest {
  reference: string;
  shipFrom: { warehouseCode: string };
  shipTo: { name: string; street: string; city: string; postalCode: string; countryCode: string };
  parcels: Array<{ sku: string; quantity: number; uom: string }>;
  callbackUrl: string;
}

/** The carrier port: the HTTP adapter classifies answers into domain outcomes. */
export interface CarrierPort {
  book(
    carrier: string,
    idempotencyKey: string,
    request: BookingRequest,
    signal?: AbortSignal,
  ): Promise<BookingOutcome>;
  cancel(carrier: string, trackingNumber: string, signal?: AbortSignal): Promise<CancelOutcome>;
  /** The milestones the carrier reports, or undefined when it cannot be asked right now. */
  track(
    carrier: string,
    trackingNumber: string,
    signal?: AbortSignal,
  ): Promise<TrackedMilestone[] | undefined>;
}

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
}

/** What caused a change, carried into the envelope of the events it causes. */
export interface Cause {
  causationId?: string;
  traceparent?: string;
}
