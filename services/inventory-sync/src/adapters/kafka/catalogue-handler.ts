import type { TopicName } from '@o2c/contracts';
import type { EventRouter } from '@o2c/platform';
import { saveProduct, saveUnit, saveWarehouse } from '../db/catalogue-repository';

export const MASTER_DATA_TOPIC: TopicName = 'odoo.master-data';

/**
 * odoo.master-data → the catalogue (products, units, and warehouses for the replenishment
 * rules; customers are not needed here). In the inbox transaction, so a redelivery is a no-op.
 */
export const routeCatalogue = (router: EventRouter): EventRouter =>
  router
    .on('ProductChanged', (product, { trx }) => saveProduct(trx, product))
    .on('UnitOfMeasureChanged', (unit, { trx }) => saveUnit(trx, unit))
    .on('WarehouseChanged', (warehouse, { trx }) => saveWarehouse(trx, warehouse));
