import type { ReservationReleased, StockBackordered, StockReserved } from '@o2c/contracts';
import type { Knex } from 'knex';
import { saveStockLines } from '../../adapters/db/stock-repository';

/** Reservation facts only feed the report's reserved column; they never block invoicing. */
export const recordReserved = (trx: Knex.Transaction, e: StockReserved) =>
  saveStockLines(trx, e.orderId, e.reservationId, 'reserved', e.lines);

export const recordReleased = (trx: Knex.Transaction, e: ReservationReleased) =>
  saveStockLines(trx, e.orderId, e.reservationId, 'released', e.lines);

export const recordBackordered = (trx: Knex.Transaction, e: StockBackordered) =>
  saveStockLines(trx, e.orderId, e.backorderId, 'backordered', e.lines);
