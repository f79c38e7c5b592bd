import type { Knex } from 'knex';
import { findOrder, loadOrderView } from '../../adapters/db/order-repository';
import { findShipment, findTracedShipment } from '../../adapters/db/shipment-repository';
import { DomainError, decideMilestone, nothingLeftToShip, type Shipment } from '../../domain';
import { inShipmentTrace } from '../saga/in-shipment-trace';
import { saveDecision } from '../saga/save-decision';
import type { SagaDeps } from '../saga-deps';

export interface CarrierMilestone {
  carrier: string;
  trackingNumber: string;
  /** Our shipmentId, as given in the booking. */
  reference: string;
  milestone: 'picked_up' | 'delivered';
  occurredAt: number;
  receivedBy?: string | undefined;
}

export type MilestoneResult = 'applied' | 'duplicate' | 'ignored';

async function lastShipment(
  trx: Knex,
  s: Shipment,
  order: NonNullable<Awaited<ReturnType<typeof findOrder>>>,
) {
  const view = await loadOrderView(trx, order);
  const shipments = view.shipments.map((x) =>
    x.reservationId === s.reservationId ? { ...x, state: 'DISPATCHED' as const } : x,
  );
  return nothingLeftToShip({ ...view, shipments });
}

/**
 * A carrier webhook: at most one effect per (tracking number, milestone). The order's row is
 * locked first so two shipments of one order dispatched at once agree on which one is last.
 */
export async function applyMilestone(
  deps: SagaDeps,
  m: CarrierMilestone,
): Promise<MilestoneResult> {
  const traced = await findTracedShipment(deps.db, {
    trackingNumber: m.trackingNumber,
    shipmentId: m.reference,
  });
  return inShipmentTrace(
    traced?.traceparent,
    { shipmentId: m.reference },
    `carrier ${m.milestone}`,
    () => apply(deps, m, traced?.shipment),
  );
}

/** `found`: the shipment read before the locks, by tracking number, else by id. */
function apply(deps: SagaDeps, m: CarrierMilestone, found?: Shipment): Promise<MilestoneResult> {
  return deps.db.transaction(async (trx) => {
    if (!found || (found.carrierCode !== null && found.carrierCode !== m.carrier))
      throw new DomainError(
        'SHIPMENT_NOT_FOUND',
        `no shipment ${m.trackingNumber} at ${m.carrier}`,
      );
    const order = await findOrder(trx, found.orderId, true);
    const s = await findShipment(trx, { shipmentId: found.shipmentId }, true);
    if (!order || !s) throw new Error(`shipment ${found.shipmentId} vanished`);
    if (s.trackingNumber !== m.trackingNumber)
      throw new DomainError('MILESTONE_TOO_EARLY', `shipment ${s.shipmentId} is not booked yet`);
    const inserted = await trx('carrier_milestones')
      .insert({
        tracking_number: m.trackingNumber,
        milestone: m.milestone,
        carrier_code: m.carrier,
        occurred_at: m.occurredAt,
      })
      .onConflict(['tracking_number', 'milestone'])
      .ignore()
      .returning('tracking_number');
    if (inserted.length === 0) return 'duplicate';
    const now = deps.now();
    const decision = decideMilestone(
      s,
      m.milestone === 'picked_up'
        ? {
            milestone: 'picked_up',
            occurredAt: m.occurredAt,
            lastShipment: await lastShipment(trx, s, order),
          }
        : { milestone: 'delivered', occurredAt: m.occurredAt, receivedBy: m.receivedBy ?? null },
      deps.policy,
      { now, newId: deps.newId },
    );
    if (!decision) return 'ignored';
    await saveDecision(trx, deps, decision, { at: now });
    return 'applied';
  });
}
