import type { ShipmentDelivered } from '@o2c/contracts';
import type { Knex } from 'knex';
import { markDelivered } from '../../adapters/db/shipment-repository';

/**
 * Delivery follows dispatch on the same partition, so an unknown shipment means its dispatch is
 * still being retried or was dead-lettered: retry too rather than lose the date.
 */
export async function recordDelivery(trx: Knex.Transaction, d: ShipmentDelivered): Promise<void> {
  if (!(await markDelivered(trx, d))) {
    throw new Error(`delivery of unknown shipment ${d.shipmentId} (not dispatched here yet)`);
  }
}
