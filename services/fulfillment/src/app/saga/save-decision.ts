import { eventFor } from '@o2c/outbox';
import type { Knex } from 'knex';
import { appendHistory, saveShipment } from '../../adapters/db/shipment-repository';
import { stepDueAt, type Decision, type FulfillmentEvent } from '../../domain';
import type { Cause, SagaDeps } from '../saga-deps';

/** History label of an event: compensations carry theirs so /admin/verify can count them. */
export const labelOf = (e: FulfillmentEvent): string =>
  e.type === 'FulfillmentFailed'
    ? `FulfillmentFailed:${e.data.compensation}`
    : e.type === 'OrderExceptionRaised'
      ? `OrderExceptionRaised:${e.data.code}`
      : e.type;

/**
 * Compensations and escalations exactly once: the primary key refuses a second one, failing the
 * transaction that would have emitted it twice.
 */
async function guardCompensations(trx: Knex, d: Decision, at: number) {
  for (const e of d.events) {
    const kind =
      e.type === 'FulfillmentFailed'
        ? `${e.data.stage}:${e.data.compensation}`
        : e.type === 'OrderExceptionRaised'
          ? `EXCEPTION:${e.data.code}`
          : undefined;
    if (!kind) continue;
    const carrierIndex =
      e.type === 'FulfillmentFailed' && e.data.compensation === 'REROUTE'
        ? d.shipment.carrierIndex - 1
        : 0;
    await trx('compensations').insert({
      shipment_id: d.shipment.shipmentId,
      kind,
      carrier_index: carrierIndex,
      at,
    });
  }
}

/**
 * The shipment's next state, its outbox rows and its history line, in the caller's transaction.
 * It leaves the order row alone: the worker holds only the shipment's lock, and taking the
 * order's after it would invert the lock order (order, shipment, outbox sequence) of the others.
 */
export async function saveDecision(
  trx: Knex.Transaction,
  deps: Pick<SagaDeps, 'outbox' | 'topicPrefix' | 'stepDue'>,
  d: Decision,
  opts: { isNew?: boolean; cause?: Cause; at: number },
): Promise<void> {
  await saveShipment(trx, d.shipment, opts.isNew ?? false);
  const due = stepDueAt(d.shipment);
  if (due !== null && deps.stepDue)
    void trx.executionPromise.then(
      () => deps.stepDue?.(due),
      () => undefined,
    );
  await guardCompensations(trx, d, opts.at);
  await deps.outbox.append(
    trx,
    d.events.map((e) =>
      eventFor(e.type, e.data as never, {
        correlationId: d.shipment.orderId,
        topicPrefix: deps.topicPrefix,
        occurredAt: opts.at,
        ...opts.cause,
      }),
    ),
  );
  await appendHistory(trx, d.shipment, {
    note: d.note,
    events: d.events.map(labelOf),
    at: opts.at,
  });
}
