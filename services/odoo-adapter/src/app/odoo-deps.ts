import type { OdooClient } from '@o2c/odoo-client';
import type { MasterDataCache } from '../adapters/odoo/master-data-cache';
import type { PricelistOf } from '../adapters/odoo/pricelists';
import type { OdooProfile } from '../adapters/odoo/profile';

/** What every Odoo use case needs: the gated client, master data and the server's version profile. */
export interface OdooDeps {
  odoo: OdooClient;
  masterData: MasterDataCache;
  profile: () => Promise<OdooProfile>;
  pricelistOf: PricelistOf;
  /** The configured Odoo company (ODOO_COMPANY_ID): the only one whose stock counts. */
  companyId: number;
}

interface SaleOrderRow {
  id: number;
  name: string;
  state: string;
  [field: string]: unknown;
}

/** Our order id is the sale order's `client_order_ref`: the lookup that makes every write idempotent. */
export async function findSaleOrder(odoo: OdooClient, orderId: string, fields: string[] = []) {
  const found = await odoo.searchRead<SaleOrderRow>(
    'sale.order',
    [['client_order_ref', '=', orderId]],
    {
      fields: ['name', 'state', ...fields],
      limit: 1,
      order: 'id asc',
    },
  );
  return found[0];
}
