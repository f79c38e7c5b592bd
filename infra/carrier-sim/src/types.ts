export type Milestone = 'picked_up' | 'delivered';
export type ShipmentStatus = 'BOOKED' | 'PICKED_UP' | 'DELIVERED' | 'CANCELLED';

export interface BookingRequest {
  reference: string;
  serviceLevel?: string | undefined;
  shipFrom: { warehouseCode: string };
  shipTo: { name: string; street: string; city: string; postalCode: string; countryCode: string };
  parcels: Array<{ sku: string; quantity: number; uom: string }>;
  callbackUrl: string;
}

export interface BookingResponse {
  trackingNumber: string;
  carrier: string;
  serviceLevel: string;
  estimatedDeliveryAt: number;
}

export interface WebhookDelivery {
  milestone: Milestone;
  attempts: number;
  lastStatus: number | null;
  deliveredAt: number | null;
}

export interface Shipment extends BookingResponse {
  reference: string;
  idempotencyKey: string;
  status: ShipmentStatus;
  callbackUrl: string;
  request: BookingRequest;
  bookedAt: number;
  milestones: Array<{ milestone: Milestone; occurredAt: number }>;
  webhooks: WebhookDelivery[];
}

/** When milestones follow a booking: both delays count from the booking (delivered after picked_up). */
export interface MilestonePlan {
  pickedUpAfterMs: number;
  deliveredAfterMs: number;
  /** No automatic milestones (only /advance sends them). */
  hold: boolean;
}
