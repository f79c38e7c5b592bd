import type { BookingOutcome, CancelOutcome, TrackedMilestone } from '../../domain';

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
