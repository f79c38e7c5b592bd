import { m2oId, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import type { OdooPurchaseOrder, OdooPurchases } from './facts';

/** Platform purchase ids, which odoo-adapter writes as the purchase order's origin. */
export const PURCHASE_ORIGIN_PREFIX = 'PUR-';

/** Odoo's datetimes are UTC without a zone: 'YYYY-MM-DD HH:MM:SS'. */
const utc = (value: unknown) =>
  typeof value === 'string' ? Date.parse(`${value.replace(' ', 'T')}Z`) : 0;

/**
 * Odoo's purchase orders placed for our purchases (origin PUR-…), with their names, states and
 * received quantities per line (lineNo = the line's rank by id within its order, as the
 * adapter numbers them), and the states of the given vendor bills (account.move ids).
 */
export async function odooPurchaseFacts(
  odoo: OdooClient,
  billIds: string[],
): Promise<OdooPurchases> {
  const pos = await odoo.searchRead<OdooRecord & { origin: string; name: string; state: string }>(
    'purchase.order',
    [['origin', '=like', `${PURCHASE_ORIGIN_PREFIX}%`]],
    { fields: ['origin', 'name', 'state', 'write_date'] },
  );
  const orders: OdooPurchases['orders'] = {};
  const byId = new Map<number, OdooPurchaseOrder>();
  for (const po of pos) {
    const order = {
      name: po.name,
      state: po.state,
      writtenAt: utc(po.write_date),
      receivedByLine: {},
    };
    (orders[po.origin] ??= []).push(order);
    byId.set(po.id, order);
  }
  if (byId.size) {
    const lines = await odoo.searchRead(
      'purchase.order.line',
      [['order_id', 'in', [...byId.keys()]]],
      {
        fields: ['order_id', 'qty_received', 'write_date'],
      },
    );
    const rank = new Map<number, number>();
    for (const l of [...lines].sort((a, b) => a.id - b.id)) {
      const orderId = m2oId(l.order_id as never) ?? 0;
      const order = byId.get(orderId);
      if (!order) continue;
      const lineNo = (rank.get(orderId) ?? 0) + 1;
      rank.set(orderId, lineNo);
      order.receivedByLine[String(lineNo)] = Number(l.qty_received);
      order.writtenAt = Math.max(order.writtenAt, utc(l.write_date));
    }
  }
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
