import { traceparentOf } from '@o2c/observability';
import type { Knex } from 'knex';
import type { Line, Shipment, ShipmentState } from '../../domain';

interface ShipmentRow {
  shipment_id: string;
  order_id: string;
  reservation_id: string;
  warehouse_code: string;
  lines: Line[];
  state: ShipmentState;
  carrier_index: number;
  attempts: number;
  total_attempts: number;
  carrier_code: string | null;
  tracking_number: string | null;
  next_attempt_at: string | null;
  deadline_at: string | null;
}

const ms = (v: string | null) => (v === null ? null : Number(v));

const toShipment = (r: ShipmentRow): Shipment => ({
  shipmentId: r.shipment_id,
  orderId: r.order_id,
  reservationId: r.reservation_id,
  warehouseCode: r.warehouse_code,
  lines: r.lines,
  state: r.state,
  carrierIndex: r.carrier_index,
  attempts: r.attempts,
  totalAttempts: r.total_attempts,
  carrierCode: r.carrier_code,
  trackingNumber: r.tracking_number,
  nextAttemptAt: ms(r.next_attempt_at),
  deadlineAt: ms(r.deadline_at),
});

const toRow = (s: Shipment) => ({
  shipment_id: s.shipmentId,
  order_id: s.orderId,
  reservation_id: s.reservationId,
  warehouse_code: s.warehouseCode,
  lines: JSON.stringify(s.lines),
  state: s.state,
  carrier_index: s.carrierIndex,
  attempts: s.attempts,
  total_attempts: s.totalAttempts,
  carrier_code: s.carrierCode,
  tracking_number: s.trackingNumber,
  next_attempt_at: s.nextAttemptAt,
  deadline_at: s.deadlineAt,
});

/** Saves a shipment; a new one keeps the trace it was created in (the active span's). */
export async function saveShipment(trx: Knex, s: Shipment, isNew: boolean): Promise<void> {
  if (isNew) await trx('shipments').insert({ ...toRow(s), traceparent: traceparentOf() ?? null });
  else
    await trx('shipments')
      .where({ shipment_id: s.shipmentId })
      .update({ ...toRow(s), updated_at: trx.fn.now() });
}

interface TracedRow extends ShipmentRow {
  traceparent: string | null;
}

/** A shipment and the trace it was created in (the span its saga steps and milestones join). */
export interface TracedShipment {
  shipment: Shipment;
  traceparent: string | undefined;
}

const traced = (row: TracedRow | undefined): TracedShipment | undefined =>
  row && { shipment: toShipment(row), traceparent: row.traceparent ?? undefined };

/** The shipment with this tracking number, else the one with this id; not locked. */
export async function findTracedShipment(
  db: Knex,
  by: { trackingNumber: string; shipmentId: string },
): Promise<TracedShipment | undefined> {
  const row = await db('shipments')
    .where({ tracking_number: by.trackingNumber })
    .orWhere({ shipment_id: by.shipmentId })
    .orderByRaw('tracking_number = ? desc nulls last', [by.trackingNumber])
    .first<TracedRow | undefined>();
  return traced(row);
}

export async function findShipment(
  trx: Knex,
  by: { shipmentId: string } | { trackingNumber: string } | { reservationId: string },
  lock = false,
): Promise<Shipment | undefined> {
  const where =
    'shipmentId' in by
      ? { shipment_id: by.shipmentId }
      : 'trackingNumber' in by
        ? { tracking_number: by.trackingNumber }
        : { reservation_id: by.reservationId };
  const q = trx('shipments').where(where).first<ShipmentRow | undefined>();
  const row = await (lock ? q.forUpdate() : q);
  return row && toShipment(row);
}

/** Callers hold the order's row lock first (lock order: order, then its shipments). */
export async function shipmentsOfOrder(trx: Knex, orderId: string, lock = false) {
  const q = trx('shipments').where({ order_id: orderId }).orderBy('created_at');
  const rows = await (lock ? q.forUpdate() : q);
  return (rows as ShipmentRow[]).map(toShipment);
}

/**
 * Claims one shipment whose next step is due, skipping rows another worker (or a webhook or
 * consumer) holds: the step runs and commits under this row lock.
 */
export async function claimDueShipment(
  trx: Knex,
  now: number,
): Promise<TracedShipment | undefined> {
  const row = await trx('shipments')
    .whereRaw(
      `(state in ('BOOKING', 'CANCELLING') and next_attempt_at <= ?)
       or (state in ('BOOKED', 'DISPATCHED') and deadline_at <= ?)`,
      [now, now],
    )
    .orderByRaw('coalesce(next_attempt_at, deadline_at)')
    .first<TracedRow | undefined>()
    .forUpdate()
    .skipLocked();
  return traced(row);
}

export async function appendHistory(
  trx: Knex,
  s: Shipment,
  entry: { note: string; events: string[]; at: number },
): Promise<void> {
  await trx('shipment_history').insert({
    shipment_id: s.shipmentId,
    state: s.state,
    note: entry.note,
    events: entry.events,
    at: entry.at,
  });
}

export async function historyOf(trx: Knex, shipmentIds: string[]) {
  return trx('shipment_history')
    .whereIn('shipment_id', shipmentIds)
    .orderBy('id')
    .select<
      Array<{ shipment_id: string; state: string; note: string; events: string[]; at: string }>
    >('shipment_id', 'state', 'note', 'events', 'at');
}
