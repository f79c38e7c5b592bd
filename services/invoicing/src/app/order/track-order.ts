import type { OrderAccepted, OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import { markCancelled, saveOrder } from '../../adapters/db/order-repository';

/** Keeps the accepted order's lines and prices: every invoice of the order is priced from them. */
export const recordOrderAccepted = (trx: Knex.Transaction, event: OrderAccepted) =>
  saveOrder(trx, event);

/**
 * A cancellation is only recorded: shipments already dispatched stay invoiced (the goods are
 * gone) and the report flags them.
 */
export const recordOrderCancelled = (trx: Knex.Transaction, event: OrderCancelled) =>
  markCancelled(trx, event);
