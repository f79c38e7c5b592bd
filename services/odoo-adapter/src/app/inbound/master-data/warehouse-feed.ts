import type { WarehouseChanged } from '@o2c/contracts';
import { eventFor } from '@o2c/outbox';
import { odooDateMs } from '../../../domain/odoo-values';
import type { ChangeFeed } from '../change-feed';
import { ACTIVE_OR_ARCHIVED, type MasterDataOptions } from './master-data-options';

/** The company's warehouses (a warehouse always belongs to one company) → WarehouseChanged. */
export function warehouseFeed(options: MasterDataOptions): ChangeFeed {
  return {
    model: 'stock.warehouse',
    domain: [ACTIVE_OR_ARCHIVED, ['company_id', '=', options.companyId]],
    fields: ['code', 'name', 'sequence', 'active'],
    toEvents(warehouses) {
      return Promise.resolve(
        warehouses.map((w) => {
          const data: WarehouseChanged = {
            entityKey: `warehouse:${String(w.code)}`,
            code: String(w.code),
            odooWarehouseId: String(w.id),
            name: String(w.name),
            sequence: Number(w.sequence ?? 10),
            active: w.active !== false,
            odooWriteDate: odooDateMs(w.write_date),
          };
          return eventFor('WarehouseChanged', data, { correlationId: data.entityKey });
        }),
      );
    },
  };
}
