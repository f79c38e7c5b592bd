import type { ReturnReceived } from '@o2c/contracts';
import type { Knex } from 'knex';

export async function parkReturn(
  trx: Knex,
  returned: ReturnReceived,
  eventId: string | null,
): Promise<void> {
  await trx('pending_returns')
    .insert({
      return_id: returned.returnId,
      shipment_id: returned.shipmentId,
      event_id: eventId,
      payload: JSON.stringify(returned),
    })
    .onConflict('return_id')
    .ignore();
}

/** Removes and returns the parked returns of a shipment, oldest first. */
export async function takeParkedReturns(
  trx: Knex,
  shipmentId: string,
): Promise<Array<{ returned: ReturnReceived; eventId: string | null }>> {
  const rows = await trx('pending_returns')
    .where({ shipment_id: shipmentId })
    .delete()
    .returning<Array<{ payload: ReturnReceived; event_id: string | null }>>([
      'payload',
      'event_id',
    ]);
  return rows
    .map((r) => ({ returned: r.payload, eventId: r.event_id }))
    .sort((a, b) => a.returned.receivedAt - b.returned.receivedAt);
}
