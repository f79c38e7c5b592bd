import type { ShipmentState } from '../shipment/types';
import type { ImportedState } from './decide-import';

export type ByLine = Record<string, number>;
export type OrderState =
  'IN_PROGRESS' | 'WAITING_STOCK' | 'COMPLETED' | 'ESCALATED' | 'CANCELLED' | 'IMPORTED';

interface Qty {
  lineNo: number;
  quantity: number;
}

/** What fulfillment knows of one order, enough to tell what remains to ship. */
export interface OrderView {
  cancelled: boolean;
  lines: Qty[];
  shipments: Array<{ reservationId: string; state: ShipmentState; lines: Qty[] }>;
  /** ReservationReleased events received. */
  releases: Array<{ reservationId: string; lines: Qty[] }>;
  /** Backordered quantity not yet reserved, per line. */
  openBackorders: ByLine;
  /** Set when bootstrap imported the order from Odoo: what Odoo delivered, and its state. */
  imported?: { state: ImportedState; shippedByLine: ByLine; deliveries: number };
}

const add = (into: ByLine, lines: Qty[]) => {
  for (const l of lines) into[String(l.lineNo)] = (into[String(l.lineNo)] ?? 0) + l.quantity;
  return into;
};

const SHIPPED: ReadonlySet<ShipmentState> = new Set(['DISPATCHED', 'DELIVERED']);
const DEAD: ReadonlySet<ShipmentState> = new Set(['FAILED', 'CANCELLED']);

/** What our own shipments shipped, per line (an imported order's Odoo deliveries excluded). */
export const shippedByShipments = (v: OrderView): ByLine =>
  v.shipments.filter((s) => SHIPPED.has(s.state)).reduce((acc, s) => add(acc, s.lines), {});

/** What left the warehouse, per line: our shipments and, for an imported order, Odoo's. */
export function shippedByLine(v: OrderView): ByLine {
  const shipped = shippedByShipments(v);
  for (const [k, q] of Object.entries(v.imported?.shippedByLine ?? {}))
    shipped[k] = (shipped[k] ?? 0) + q;
  return shipped;
}

/**
 * What can no longer ship, per line: the released reservations, counting a reservation whose
 * shipment we failed or cancelled before its ReservationReleased arrives (other topic order).
 */
export function releasedByLine(v: OrderView): ByLine {
  const byReservation = new Map<string, Qty[]>();
  for (const s of v.shipments) if (DEAD.has(s.state)) byReservation.set(s.reservationId, s.lines);
  for (const r of v.releases) byReservation.set(r.reservationId, r.lines);
  return [...byReservation.values()].reduce((acc, lines) => add(acc, lines), {});
}

export function remainingByLine(v: OrderView): ByLine {
  const shipped = shippedByLine(v);
  const released = releasedByLine(v);
  return Object.fromEntries(
    v.lines.map((l) => {
      const k = String(l.lineNo);
      return [k, l.quantity - (shipped[k] ?? 0) - (released[k] ?? 0)];
    }),
  );
}

const hasOpenBackorder = (v: OrderView) => Object.values(v.openBackorders).some((q) => q > 0);

/** Nothing of the order remains to ship: all shipped or released, no open backorder. */
export const nothingLeftToShip = (v: OrderView): boolean =>
  Object.values(remainingByLine(v)).every((q) => q <= 0) && !hasOpenBackorder(v);

/** The order's fulfillment state for GET /admin/verify. */
export function orderState(v: OrderView): OrderState {
  // No saga runs for an imported order: its state is the one Odoo held when it was imported.
  if (v.imported) return v.imported.state;
  if (v.cancelled) return 'CANCELLED';
  if (v.shipments.some((s) => s.state === 'FAILED')) return 'ESCALATED';
  const settled = v.shipments.every((s) => s.state === 'DELIVERED' || s.state === 'CANCELLED');
  if (settled && v.shipments.length > 0 && nothingLeftToShip(v)) return 'COMPLETED';
  if (settled && hasOpenBackorder(v)) return 'WAITING_STOCK';
  return 'IN_PROGRESS';
}
