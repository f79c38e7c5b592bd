import type { ChangeFeed } from '../change-feed';
import { customerFeed } from './customer-feed';
import type { MasterDataOptions } from './master-data-options';
import { productFeed } from './product-feed';
import { uomFeed } from './uom-feed';
import { warehouseFeed } from './warehouse-feed';

export type { MasterDataOptions } from './master-data-options';

/**
 * The feeds of odoo.master-data, polled like the stock feed (write_date cursor per model, so the
 * first poll from the epoch is the full sync) and refreshed by the same webhook route.
 */
export const masterDataFeeds = (options: MasterDataOptions): ChangeFeed[] => [
  uomFeed(options),
  warehouseFeed(options),
  customerFeed(options),
  productFeed(options),
];
