import type { ShipmentDelivered } from '@o2c/contracts';
import { PermanentError } from '@o2c/inbox';
import type { Knex } from 'knex';
import { markDelivered } from '../../adapters/db/shipment-repository';

/**
 * Delivery follows dispatch on the same partition and a dispatch is always recorded (parked if
 * need be), so an unknown shipment means its dispatch was dead-lettered: dead-letter the
 * delivery too, to be redriven after it, rather than hold up the consumer with retries.
 */
export async function recordDelivery(trx: Knex.Transaction, d: ShipmentDelivered): Promise<void> {
  if (!(await markDelivered(trx, d))) {
    throw new PermanentError(
      'UNKNOWN_SHIPMENT',
      `delivery of shipment ${d.shipmentId}, whose dispatch was never recorded`,
    );
  }
}
