import type { TopicName } from '@o2c/contracts';
import type { EventRouter } from '@o2c/platform';
import { saveCustomer, saveProduct, saveUnit, saveWarehouse } from '../db/master-data-store';

export const MASTER_DATA_TOPIC: TopicName = 'odoo.master-data';

/**
 * odoo.master-data → the master tables orders are validated against. The inbox row commits
 * with the upsert, so a redelivered event is a no-op; a new consumer group rebuilds every
 * table from the compacted topic.
 */
export const routeMasterData = (router: EventRouter): EventRouter =>
  router
    .on('ProductChanged', (product, { trx }) => saveProduct(trx, product))
    .on('CustomerChanged', (customer, { trx }) => saveCustomer(trx, customer))
    .on('WarehouseChanged', (warehouse, { trx }) => saveWarehouse(trx, warehouse))
    .on('UnitOfMeasureChanged', (unit, { trx }) => saveUnit(trx, unit));
