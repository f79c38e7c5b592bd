import type { OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import { findImport } from '../../adapters/db/import-repository';
import { findOrder, touchOrder } from '../../adapters/db/order-repository';
import { shipmentsOfOrder } from '../../adapters/db/shipment-repository';
import { decideOrderCancelled } from '../../domain';
import { saveDecision } from '../saga/save-decision';
import type { Cause, SagaDeps } from '../saga-deps';

/** Shipments not yet dispatched stop; booked ones are cancelled at the carrier by the worker. */
export async function cancelOrder(
  trx: Knex.Transaction,
  event: OrderCancelled,
  deps: SagaDeps,
  cause: Cause,
): Promise<void> {
  const order = await findOrder(trx, event.orderId, true);
  // sales.orders is keyed by orderId: OrderAccepted came first, unless it was never accepted here.
  if (!order) return;
  // order-intake refuses to cancel an imported order; Odoo's path would handle one anyway.
  if (await findImport(trx, order.order_id)) return;
  if (!order.cancelled_at)
    await touchOrder(trx, order.order_id, { cancelled_at: new Date(event.cancelledAt) });
  const now = deps.now();
  for (const s of await shipmentsOfOrder(trx, order.order_id, true)) {
    const decision = decideOrderCancelled(s, { now, newId: deps.newId });
    if (decision) await saveDecision(trx, deps, decision, { cause, at: now });
  }
}
