import type { OrderCancelled } from '@o2c/contracts';
import type { Knex } from 'knex';
import { cancelImportedOrder, findImport } from '../../adapters/db/import-repository';
import { findOrder, touchOrder } from '../../adapters/db/order-repository';
import { shipmentsOfOrder } from '../../adapters/db/shipment-repository';
import { decideImportCancel, decideOrderCancelled, type ImportCancelOutcome } from '../../domain';
import { saveDecision } from '../saga/save-decision';
import type { Cause, SagaDeps } from '../saga-deps';

export type CancelOutcome = 'unknown' | 'platform' | `imported-${ImportCancelOutcome}`;

/**
 * Shipments not yet dispatched stop; booked ones are cancelled at the carrier by the worker. An
 * imported order (cancelled in Odoo by the path that wrote it) has no saga: only its state moves.
 */
export async function cancelOrder(
  trx: Knex.Transaction,
  event: OrderCancelled,
  deps: SagaDeps,
  cause: Cause,
): Promise<CancelOutcome> {
  const order = await findOrder(trx, event.orderId, true);
  // sales.orders is keyed by orderId: OrderAccepted came first, unless it was never accepted here.
  if (!order) return 'unknown';
  const imported = await findImport(trx, order.order_id);
  if (imported) {
    const outcome = decideImportCancel(imported.state);
    if (outcome === 'cancelled') {
      await cancelImportedOrder(trx, order.order_id);
      await touchOrder(trx, order.order_id, { cancelled_at: new Date(event.cancelledAt) });
    }
    return `imported-${outcome}`;
  }
  if (!order.cancelled_at)
    await touchOrder(trx, order.order_id, { cancelled_at: new Date(event.cancelledAt) });
  const now = deps.now();
  for (const s of await shipmentsOfOrder(trx, order.order_id, true)) {
    const decision = decideOrderCancelled(s, { now, newId: deps.newId });
    if (decision) await saveDecision(trx, deps, decision, { cause, at: now });
  }
  return 'platform';
}
