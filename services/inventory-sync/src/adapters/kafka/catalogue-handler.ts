import type { ProductChanged, TopicName, UnitOfMeasureChanged } from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { saveProduct, saveUnit } from '../db/catalogue-repository';

export const MASTER_DATA_TOPIC: TopicName = 'odoo.master-data';

/**
 * odoo.master-data → the catalogue (products and units; customers and warehouses are not
 * needed here). In the inbox transaction, so a redelivery is a no-op.
 */
export const catalogueHandler: EventHandler = async (event, { trx, metadata }) => {
  if (metadata.eventType === 'ProductChanged') {
    await saveProduct(trx, event.value as ProductChanged);
  } else if (metadata.eventType === 'UnitOfMeasureChanged') {
    await saveUnit(trx, event.value as UnitOfMeasureChanged);
  }
};
