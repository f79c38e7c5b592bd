import type { Db } from '@o2c/db';

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

interface ShipmentRow {
  shipment_id: string;
  order_id: string;
  tracking_ref: string;
  last_shipment: boolean;
  picking_id: number | null;
  first_seen_at: Date;
  validated_at: Date | null;
}

export function createShipmentLedger(db: Db): ShipmentLedger {
  const table = () => db<ShipmentRow>('odoo_shipments');
  return {
    async seen({ shipmentId, orderId, trackingRef, last }) {
      await table()
        .insert({
          shipment_id: shipmentId,
          order_id: orderId,
          tracking_ref: trackingRef,
          last_shipment: last,
        })
        .onConflict('shipment_id')
        .ignore();
    },
    async pickingOf(trackingRef) {
      const row = await table()
        .where({ tracking_ref: trackingRef })
        .whereNotNull('picking_id')
        .first('picking_id');
      return row?.picking_id ?? undefined;
    },
    async validatedPickingOf(shipmentId) {
      const row = await table()
        .where({ shipment_id: shipmentId })
        .whereNotNull('validated_at')
        .first('picking_id');
      return row?.picking_id ?? undefined;
    },
    async tagged(shipmentId, pickingId) {
      await table().where({ shipment_id: shipmentId }).update({ picking_id: pickingId });
    },
    async validated(shipmentId) {
      await table()
        .where({ shipment_id: shipmentId })
        .whereNull('validated_at')
        .update({ validated_at: db.fn.now() });
    },
    async pendingBesides(orderId, shipmentId) {
      const rows = await table()
        .where({ order_id: orderId })
        .whereNot({ shipment_id: shipmentId })
        .whereNull('validated_at')
        .orderBy('first_seen_at')
        .select('shipment_id');
      return rows.map((r) => r.shipment_id);
    },
  };
}
