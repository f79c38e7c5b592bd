import type {
  CustomerChanged,
  ProductChanged,
  TopicName,
  UnitOfMeasureChanged,
  WarehouseChanged,
} from '@o2c/contracts';
import type { EventHandler } from '@o2c/inbox';
import { saveCustomer, saveProduct, saveUnit, saveWarehouse } from '../db/master-data-store';

export const MASTER_DATA_TOPIC: TopicName = 'odoo.master-data';

/**
 * odoo.master-data → the master tables orders are validated against. The inbox row commits
 * with the upsert, so a redelivered event is a no-op; a new consumer group rebuilds every
 * table from the compacted topic.
 */
export function masterDataHandler(onApplied?: (type: string) => void): EventHandler {
  return async (event, { trx, metadata }) => {
    const type = metadata.eventType;
    if (type === 'ProductChanged') await saveProduct(trx, event.value as ProductChanged);
    else if (type === 'CustomerChanged') await saveCustomer(trx, event.value as CustomerChanged);
    else if (type === 'WarehouseChanged') {
      await saveWarehouse(trx, event.value as WarehouseChanged);
    } else if (type === 'UnitOfMeasureChanged') {
      await saveUnit(trx, event.value as UnitOfMeasureChanged);
    } else return;
    onApplied?.(type);
  };
}
