/**
 * The adapter's own record of the shipments it sends to Odoo, committed outside the consumer's
 * transaction so that it survives a failed attempt:
 * - which picking a tracking number went to (Odoo without stock_delivery has no
 *   `carrier_tracking_ref` to tag): a retry after a validation that timed out finds the picking
 *   it validated instead of shipping twice;
 * - which shipments of an order are not in Odoo yet: a last shipment that overtook an earlier
 *   one (retried, dead-lettered, redriven) waits for it instead of closing the picking under it.
 */
export interface ShipmentLedger {
  seen(shipment: {
    shipmentId: string;
    orderId: string;
    trackingRef: string;
    last: boolean;
  }): Promise<void>;
  pickingOf(trackingRef: string): Promise<number | undefined>;
  /** The picking a shipment was validated in (returns go back from it). */
  validatedPickingOf(shipmentId: string): Promise<number | undefined>;
  /** The picking is chosen (recorded before validation). */
  tagged(shipmentId: string, pickingId: number): Promise<void>;
  validated(shipmentId: string): Promise<void>;
  /** Other shipments of the order seen but not yet validated in Odoo. */
  pendingBesides(orderId: string, shipmentId: string): Promise<string[]>;
}
