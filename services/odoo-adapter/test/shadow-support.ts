import { randomUUID } from 'node:crypto';
import type { OrderAccepted } from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import { buildInvoice, buildOrderAccepted, buildShipment } from './events';
import type { Harness } from './harness';

export const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 45_000, intervalMs: 200, what });

/** An order of `channel` (3 × FURN-001 at 120.00, 1 × FURN-002 at 350.00: 710.00). */
export const orderOf = (channel: string): OrderAccepted =>
  buildOrderAccepted({ channelCode: channel, channelOrderRef: `LEG-${randomUUID().slice(0, 8)}` });

/** The whole order shipped at once. */
export const fullShipment = (order: OrderAccepted) =>
  buildShipment(
    order.orderId,
    order.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, uom: l.uom })),
    true,
  );

/** The whole order invoiced (the legacy path invoices all delivered quantities). */
export const fullInvoice = (order: OrderAccepted, shipmentId: string) => ({
  ...buildInvoice(order.orderId, [shipmentId]),
  netMinor: order.totalMinor,
  totalMinor: order.totalMinor,
});

/** As `o2c-ops cutover --execute` writes it. */
export async function setChannelMode(h: Harness, channel: string, mode: 'live' | 'shadow') {
  await h
    .db('channel_modes')
    .insert({ channel_code: channel, mode, changed_by: 'test', reason: `test: ${mode}` })
    .onConflict('channel_code')
    .merge(['mode', 'changed_by', 'reason', 'changed_at']);
}

interface CheckRow {
  source_event_id: string;
  flow: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

export const checksOf = async (h: Harness, orderId: string): Promise<CheckRow[]> =>
  (await h.db('shadow_checks').where({ order_id: orderId }).orderBy('first_at')) as CheckRow[];

/** The order's shadow check of `flow` once `settled` says it is done. */
export const checkOf = (
  h: Harness,
  orderId: string,
  flow: string,
  settled: (c: CheckRow) => boolean = (c) => c.status !== 'pending',
) =>
  until(
    async () => (await checksOf(h, orderId)).find((c) => c.flow === flow && settled(c)),
    `${flow} check of ${orderId}`,
  );

export const syncedActions = async (h: Harness, orderId: string) =>
  (await h.db('odoo_sync_log').where({ order_id: orderId }).orderBy('synced_at')).map(
    (r: { action: string }) => r.action,
  );

/** Sale orders whose client_order_ref is one of `refs` (the platform's are keyed by order id). */
export const saleOrdersKeyed = async (h: Harness, refs: string[]) =>
  h.odoo.searchRead('sale.order', [['client_order_ref', 'in', refs]], {
    fields: ['client_order_ref', 'state', 'picking_ids'],
  });

export const pinOf = async (h: Harness, orderId: string) =>
  ((await h.db('order_modes').where({ order_id: orderId }).first()) as { mode: string } | undefined)
    ?.mode;
