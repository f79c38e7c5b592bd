import type { Knex } from 'knex';
import type { HeldReservation } from '../../domain/release';
import type { ReservationLine } from '../../domain/reserve';

interface RawLine {
  reservation_id: string;
  line_no: number;
  sku: string;
  quantity: string;
  uom: string;
  base_quantity: string;
}

export async function insertReservation(
  trx: Knex.Transaction,
  r: { reservationId: string; orderId: string; warehouseCode: string; lines: ReservationLine[] },
  state: 'open' | 'consumed' = 'open',
): Promise<void> {
  await trx('reservations').insert({
    reservation_id: r.reservationId,
    order_id: r.orderId,
    warehouse_code: r.warehouseCode,
    state,
  });
  await trx('reservation_lines').insert(
    r.lines.map((l) => ({
      reservation_id: r.reservationId,
      line_no: l.lineNo,
      ordered_sku: l.orderedSku,
      sku: l.sku,
      quantity: l.quantity,
      uom: l.uom,
      base_quantity: l.baseQuantity,
      substituted: l.substituted,
    })),
  );
}

/** Reservations (locked) with their lines. */
async function load(
  trx: Knex.Transaction,
  where: Record<string, string>,
): Promise<HeldReservation[]> {
  const heads = await trx<{ reservation_id: string; warehouse_code: string; state: string }>(
    'reservations',
  )
    .where(where)
    .orderBy('created_at')
    .forUpdate();
  if (heads.length === 0) return [];
  const lines = await trx<RawLine>('reservation_lines')
    .whereIn(
      'reservation_id',
      heads.map((h) => h.reservation_id),
    )
    .orderBy(['line_no', 'sku']);
  return heads.map((h) => ({
    reservationId: h.reservation_id,
    warehouseCode: h.warehouse_code,
    state: h.state as HeldReservation['state'],
    lines: lines
      .filter((l) => l.reservation_id === h.reservation_id)
      .map((l) => ({
        lineNo: l.line_no,
        sku: l.sku,
        quantity: Number(l.quantity),
        uom: l.uom,
        baseQuantity: Number(l.base_quantity),
      })),
  }));
}

export const reservationsOfOrder = (trx: Knex.Transaction, orderId: string) =>
  load(trx, { order_id: orderId });

export const reservationById = async (trx: Knex.Transaction, reservationId: string) =>
  (await load(trx, { reservation_id: reservationId }))[0];

export async function reservationOfShipment(trx: Knex.Transaction, shipmentId: string) {
  const link = await trx<{ shipment_id: string; reservation_id: string }>('shipments')
    .where('shipment_id', shipmentId)
    .first();
  return link ? reservationById(trx, link.reservation_id) : undefined;
}

export async function linkShipment(
  trx: Knex.Transaction,
  reservationId: string,
  shipmentId: string,
): Promise<void> {
  await trx('shipments')
    .insert({ shipment_id: shipmentId, reservation_id: reservationId })
    .onConflict('shipment_id')
    .ignore();
}

export async function setReservationState(
  trx: Knex.Transaction,
  reservationId: string,
  state: 'consumed' | 'released',
  reason: string | null = null,
): Promise<void> {
  await trx('reservations')
    .where({ reservation_id: reservationId, state: 'open' })
    .update({ state, release_reason: reason });
}
