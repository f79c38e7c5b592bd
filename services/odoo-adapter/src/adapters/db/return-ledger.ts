import type { Db } from '@o2c/db';
import type { ReturnLedger, WaitingReturn } from '../../app/outbound/return-ledger';

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
