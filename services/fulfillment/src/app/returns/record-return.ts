import type { ReturnReceived } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import { findOrder, touchOrder } from '../../adapters/db/order-repository';
import { findShipment } from '../../adapters/db/shipment-repository';
import { DomainError, decideReturn, type Line, type RecordReturn } from '../../domain';
import type { SagaDeps } from '../saga-deps';

/**
 * POST /orders/:orderId/returns. An Idempotency-Key makes a retry answer the first return; the
 * shipment's row lock serialises two returns against the same shipment.
 */
export async function recordReturn(
  deps: SagaDeps,
  orderId: string,
  command: RecordReturn,
  idempotencyKey: string | undefined,
): Promise<{ returnId: string; replayed: boolean }> {
  try {
    return await recordOnce(deps, orderId, command, idempotencyKey);
  } catch (err) {
    // Two requests with one new key raced: the loser answers with the winner's return.
    if (idempotencyKey && (err as { code?: string }).code === '23505')
      return recordOnce(deps, orderId, command, idempotencyKey);
    throw err;
  }
}

async function recordOnce(
  deps: SagaDeps,
  orderId: string,
  command: RecordReturn,
  idempotencyKey: string | undefined,
): Promise<{ returnId: string; replayed: boolean }> {
  const requestJson = JSON.stringify({ orderId, ...command });
  return deps.db.transaction(async (trx) => {
    if (idempotencyKey) {
      const prior = await trx('returns')
        .where({ idempotency_key: idempotencyKey })
        .first<{ return_id: string; request_json: string } | undefined>();
      if (prior && prior.request_json !== requestJson)
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for another return',
        );
      if (prior) return { returnId: prior.return_id, replayed: true };
    }
    const order = await findOrder(trx, orderId, true);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
    const shipment = await findShipment(trx, { shipmentId: command.shipmentId }, true);
    if (!shipment || shipment.orderId !== orderId)
      throw new DomainError(
        'SHIPMENT_NOT_FOUND',
        `no shipment ${command.shipmentId} in order ${orderId}`,
      );
    const previous = await trx('returns')
      .where({ shipment_id: shipment.shipmentId })
      .select<Array<{ lines: Line[] }>>('lines');
    const now = deps.now();
    const received: ReturnReceived = decideReturn(
      shipment,
      previous.flatMap((r) => r.lines),
      command,
      { now, newId: deps.newId },
    );
    await trx('returns').insert({
      return_id: received.returnId,
      order_id: orderId,
      shipment_id: shipment.shipmentId,
      idempotency_key: idempotencyKey ?? null,
      request_json: requestJson,
      lines: JSON.stringify(received.lines),
    });
    await deps.outbox.append(
      trx,
      eventFor('ReturnReceived', received, {
        correlationId: orderId,
        topicPrefix: deps.topicPrefix,
        occurredAt: now,
      }),
    );
    await trx('shipment_history').insert({
      shipment_id: shipment.shipmentId,
      state: shipment.state,
      note: `return ${received.returnId} received (${command.reasonCode})`,
      events: ['ReturnReceived'],
      at: now,
    });
    await touchOrder(trx, orderId);
    return { returnId: received.returnId, replayed: false };
  });
}
