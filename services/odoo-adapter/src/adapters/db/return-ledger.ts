import type { Db } from '@o2c/db';

/** A return recorded as waiting for the invoices of its products (its resaleable lines). */
export interface WaitingReturn {
  returnId: string;
  orderId: string;
  shipmentId: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

/**
 * The adapter's record of the returns it sends to Odoo, committed outside the consumer's
 * transaction: the return picking Odoo created for a return, so a retry validates it instead of
 * creating a second return; and the returns waiting for their products' invoices.
 */
export interface ReturnLedger {
  seen(r: { returnId: string; orderId: string; shipmentId: string }): Promise<void>;
  pickingOf(returnId: string): Promise<number | undefined>;
  /** Return pickings of the delivery that our returns already hold. */
  claimedOf(deliveryPickingId: number): Promise<number[]>;
  created(returnId: string, deliveryPickingId: number, pickingId: number): Promise<void>;
  validated(returnId: string): Promise<void>;
  waitForInvoice(returnId: string, lines: WaitingReturn['lines']): Promise<void>;
  /** The order's returns waiting for an invoice, oldest first. */
  waitingOf(orderId: string): Promise<WaitingReturn[]>;
  /** A waiting return Odoo refused once its invoice came: kept with the reason, no longer waiting. */
  refused(returnId: string, reason: string): Promise<void>;
}

interface ReturnRow {
  return_id: string;
  order_id: string;
  shipment_id: string;
  delivery_picking_id: number | null;
  picking_id: number | null;
  validated_at: Date | null;
  waiting_lines: WaitingReturn['lines'] | null;
  refused_reason: string | null;
}

export function createReturnLedger(db: Db): ReturnLedger {
  const table = () => db<ReturnRow>('odoo_returns');
  return {
    async seen({ returnId, orderId, shipmentId }) {
      await table()
        .insert({ return_id: returnId, order_id: orderId, shipment_id: shipmentId })
        .onConflict('return_id')
        .ignore();
    },
    async pickingOf(returnId) {
      const row = await table().where({ return_id: returnId }).first('picking_id');
      return row?.picking_id ?? undefined;
    },
    async claimedOf(deliveryPickingId) {
      const rows = await table()
        .where({ delivery_picking_id: deliveryPickingId })
        .whereNotNull('picking_id')
        .select('picking_id');
      return rows.map((r) => r.picking_id as number);
    },
    async created(returnId, deliveryPickingId, pickingId) {
      await table()
        .where({ return_id: returnId })
        .update({ delivery_picking_id: deliveryPickingId, picking_id: pickingId });
    },
    async validated(returnId) {
      await table()
        .where({ return_id: returnId })
        .whereNull('validated_at')
        .update({ validated_at: db.fn.now(), waiting_lines: null });
    },
    async waitForInvoice(returnId, lines) {
      await table()
        .where({ return_id: returnId })
        .update({ waiting_lines: JSON.stringify(lines) as never });
    },
    async waitingOf(orderId) {
      const rows = await table()
        .where({ order_id: orderId })
        .whereNotNull('waiting_lines')
        .orderBy('first_seen_at');
      return rows.map((r) => ({
        returnId: r.return_id,
        orderId: r.order_id,
        shipmentId: r.shipment_id,
        lines: r.waiting_lines ?? [],
      }));
    },
    async refused(returnId, reason) {
      await table()
        .where({ return_id: returnId })
        .update({ waiting_lines: null, refused_reason: reason });
    },
  };
}
