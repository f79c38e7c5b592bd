import type { OrderCancelled } from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import type { Harness } from './harness';

/** The simulator's seed ids and probes of its stock and of the adapter's sync ledger. */
export const FURN_001 = 1;
export const FURN_002 = 2;
export const FURN_001_B = 5;
export const WH_STOCK = 8;

export const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

export const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

export const untilAction = (h: Harness, orderId: string, action: string) =>
  until(
    async () => ((await syncedActions(h, orderId)).includes(action) ? true : undefined),
    action,
  );

export const onHand = async (h: Harness, productId: number) => {
  const quants = await h.odoo.searchRead(
    'stock.quant',
    [
      ['product_id', '=', productId],
      ['location_id', '=', WH_STOCK],
    ],
    { fields: ['quantity'] },
  );
  return quants.reduce((sum, q) => sum + Number(q.quantity), 0);
};

export const reserved = async (h: Harness, productId: number) => {
  const quants = await h.odoo.searchRead('stock.quant', [['product_id', '=', productId]], {
    fields: ['reserved_quantity'],
  });
  return quants.reduce((sum, q) => sum + Number(q.reserved_quantity), 0);
};

export const cancellation = (orderId: string): OrderCancelled => ({
  orderId,
  reasonCode: 'CUSTOMER_REQUEST',
  reasonText: null,
  cancelledBy: 'customer',
  cancelledAt: Date.now(),
});
