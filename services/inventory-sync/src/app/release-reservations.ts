import type { Knex } from 'knex';
import { setReservationState } from '../adapters/db/reservation-repository';
import { decideRelease, type HeldReservation } from '../domain/release';
import type { Cause, InventoryDeps } from './inventory-deps';
import { fillBackorders } from './fill-backorders';
import { applyStock, emit } from './stock-effects';

/**
 * Releases open reservations (each once: its state and the ledger keys guard it), emits a
 * ReservationReleased per reservation, then offers the freed stock to other orders' backorders:
 * an order whose fulfillment failed is with a human, and must not loop on its own stock.
 */
export async function releaseReservations(
  trx: Knex.Transaction,
  deps: InventoryDeps,
  cause: Cause,
  orderId: string,
  reservations: readonly HeldReservation[],
  reasonCode: string,
): Promise<number> {
  const open = reservations.filter((r) => r.state === 'open');
  const freed = [];
  for (const r of open) {
    await setReservationState(trx, r.reservationId, 'released', reasonCode);
    freed.push(...(await applyStock(trx, deps, cause, decideRelease(r))));
    await emit(trx, deps, cause, 'ReservationReleased', {
      orderId,
      reservationId: r.reservationId,
      reasonCode,
      lines: r.lines.map((l) => ({
        lineNo: l.lineNo,
        sku: l.sku,
        quantity: l.quantity,
        uom: l.uom,
      })),
      releasedAt: deps.now(),
    });
  }
  await fillBackorders(trx, deps, cause, freed, orderId);
  return open.length;
}
