import { userError } from '../errors';
import { getRec } from '../orm/records';
import type { Env, Rec } from '../orm/types';
import { writeRecords } from '../orm/write';
import { launchStockRule } from './sale-procure';

export function confirmSaleOrders(env: Env, ids: number[]): boolean {
  for (const id of ids) {
    const order = getRec(env, 'sale.order', id) as Rec;
    if (
      env.profile.version === 16
        ? ['done', 'cancel'].includes(order.state as string)
        : !['draft', 'sent'].includes(order.state as string)
    ) {
      throw userError(
        env.profile.version === 16
          ? 'It is not allowed to confirm an order in the following states: done, cancel'
          : `The following orders are not in a state requiring confirmation: ${String(order.name)}`,
      );
    }
    writeRecords(env, 'sale.order', [id], { state: 'sale', date_order: env.now });
    launchStockRule(env, getRec(env, 'sale.order', id) as Rec);
  }
  return true;
}
