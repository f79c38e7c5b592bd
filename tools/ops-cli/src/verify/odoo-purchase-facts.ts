import type { OdooClient, OdooRecord } from '@o2c/odoo-client';
import type { OdooPurchases } from './facts';

/** Platform purchase ids, which odoo-adapter writes as the purchase order's origin. */
export const PURCHASE_ORIGIN_PREFIX = 'PUR-';

/**
 * Odoo's purchase orders placed for our purchases (origin PUR-…), with their names and states,
 * and the states of the given vendor bills (account.move ids).
 */
export async function odooPurchaseFacts(
  odoo: OdooClient,
  billIds: string[],
): Promise<OdooPurchases> {
  const pos = await odoo.searchRead<OdooRecord & { origin: string; name: string; state: string }>(
    'purchase.order',
    [['origin', '=like', `${PURCHASE_ORIGIN_PREFIX}%`]],
    { fields: ['origin', 'name', 'state'] },
  );
  const orders: OdooPurchases['orders'] = {};
  for (const po of pos) (orders[po.origin] ??= []).push({ name: po.name, state: po.state });
  const ids = billIds.map(Number).filter((id) => Number.isInteger(id) && id > 0);
  const billStates: OdooPurchases['billStates'] = {};
  if (ids.length) {
    const moves = await odoo.searchRead<OdooRecord & { state: string }>(
      'account.move',
      [['id', 'in', ids]],
      { fields: ['state'] },
    );
    for (const m of moves) billStates[String(m.id)] = m.state;
  }
  return { orders, billStates };
}
