import { randomUUID } from 'node:crypto';
import type { OrderImported } from '@o2c/contracts';
import { asDeveloper, createLegacyWriter } from '@o2c/testing';
import { buildInvoice, buildOrderImported, buildShipment } from './events';
import { startHarness, type Harness } from './harness';
import { cancellation } from './sim-probes';
import { checksOf, orderOf, setChannelMode, syncedActions, until } from './shadow-support';

interface Call {
  seq: number;
  model?: string;
  method: string;
  modelMethod?: string;
}

describe('OrderImported: an order bootstrap imported from a sale order the platform did not write (Odoo 17 simulator)', () => {
  let h: Harness;
  const channel = `import-${randomUUID().slice(0, 6)}`;
  let open: OrderImported;
  let partial: OrderImported;
  let deliveredNotInvoiced: OrderImported;
  let completed: OrderImported;
  let imported: OrderImported[];

  const calls = async () => ((await h.control('GET', 'calls')) as { calls: Call[] }).calls;
  /**
   * Calls Odoo answered after `before`. Read once the events are in the inbox: the adapter calls
   * Odoo while it handles an event, before the inbox row commits, and nothing polls here.
   */
  const callsSince = async (before: Call[]) => {
    const last = before.at(-1)?.seq ?? 0;
    return (await calls()).filter((c) => c.seq > last);
  };
  const inboxCount = async (eventType: string) =>
    Number(
      (
        (await h.db('inbox').where({ event_type: eventType }).count({ n: '*' })) as [{ n: unknown }]
      )[0].n,
    );
  const rowsOf = async (orderIds: string[]) => ({
    modes: (await h.db('order_modes').whereIn('order_id', orderIds).orderBy('order_id')) as Array<{
      order_id: string;
    }>,
    links: (await h
      .db('imported_orders')
      .whereIn('order_id', orderIds)
      .orderBy('order_id')) as Array<{ order_id: string }>,
  });

  beforeAll(async () => {
    h = await startHarness('17', {
      env: { ODOO_POLL_INTERVAL_MS: '0', SHADOW_RECHECK_MS: '200' },
    });
    await setChannelMode(h, channel, 'live');
    // The sale orders an older integration wrote (keyed by its own reference).
    const legacy = createLegacyWriter(h.odoo);
    const saleOrder = async () => {
      const written = orderOf(channel);
      const id = (await legacy.writeOrder(written))!;
      const [so] = await h.odoo.read('sale.order', [id], ['name']);
      return { id, name: String(so?.name), ref: written.channelOrderRef };
    };
    const imports = async (delivered?: number[], invoiced?: number[]) => {
      const so = await saleOrder();
      return buildOrderImported(
        so,
        { channelCode: channel, odooClientOrderRef: so.ref },
        { delivered, invoiced },
      );
    };
    open = await imports();
    partial = await imports([2, 0], [2, 0]);
    deliveredNotInvoiced = await imports([3, 1]);
    completed = await imports([3, 1], [3, 1]);
    imported = [open, partial, deliveredNotInvoiced, completed];
  });
  afterAll(() => h?.stop());

  it('pins each imported order to shadow on a live channel and links it to its sale order, without calling Odoo', async () => {
    const before = await calls();
    for (const o of imported) await h.publish('OrderImported', o, o.orderId);
    const ids = imported.map((o) => o.orderId);
    await until(async () => {
      const n = await h.db('imported_orders').whereIn('order_id', ids).count({ n: '*' });
      return Number((n as [{ n: unknown }])[0].n) === imported.length ? true : undefined;
    }, 'the imported orders linked');
    expect(await callsSince(before)).toEqual([]);

    const { modes, links } = await rowsOf(ids);
    const byId = (rows: Array<{ order_id: string }>) =>
      imported.map((o) => rows.find((r) => r.order_id === o.orderId));
    expect(byId(modes)).toEqual(
      imported.map((o): unknown =>
        expect.objectContaining({
          order_id: o.orderId,
          channel_code: channel,
          channel_order_ref: o.odooSaleOrderName,
          mode: 'shadow',
          odoo_sale_order_id: o.odooSaleOrderId,
        }),
      ),
    );
    expect(byId(links)).toEqual(
      imported.map((o) => ({
        order_id: o.orderId,
        channel_code: channel,
        sale_order_id: o.odooSaleOrderId,
        sale_order_name: o.odooSaleOrderName,
        client_order_ref: o.odooClientOrderRef,
        imported_at: new Date(o.importedAt),
      })),
    );
    // Nothing to compare (Odoo is the source): no check, so nothing compared, pending or diverged.
    expect(await h.db('shadow_checks').whereIn('order_id', ids)).toEqual([]);
    expect(await h.db('odoo_sync_log').whereIn('order_id', ids)).toEqual([]);
    const modesRes = await fetch(`${h.url}/channels/modes`, { headers: asDeveloper });
    const { channels } = (await modesRes.json()) as { channels: Array<Record<string, unknown>> };
    expect(channels.find((c) => c.channelCode === channel)).toMatchObject({
      mode: 'live',
      pinnedOrders: { live: 0, shadow: imported.length },
      pendingChecks: 0,
      importedOrders: imported.length,
    });
  });

  it('a duplicate OrderImported changes nothing', async () => {
    const ids = imported.map((o) => o.orderId);
    const rows = await rowsOf(ids);
    const before = await calls();
    const handled = await inboxCount('OrderImported');
    // The same event again (a new event id), and the same order re-imported later.
    await h.publish('OrderImported', open, open.orderId);
    const later = { ...open, importedAt: Date.now() + 60_000, odooClientOrderRef: null };
    await h.publish('OrderImported', later, open.orderId);
    await until(
      async () => ((await inboxCount('OrderImported')) === handled + 2 ? true : undefined),
      'both duplicates handled',
    );
    expect(await callsSince(before)).toEqual([]);
    expect(await rowsOf(ids)).toEqual(rows);
    expect(await h.db('shadow_checks').whereIn('order_id', ids)).toEqual([]);
  });

  it('writes nothing to Odoo for any later event of an imported order: each is recorded as not compared', async () => {
    const before = await calls();
    const shipment = buildShipment(
      partial.orderId,
      [{ lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' }],
      true,
    );
    await h.publish('OrderCancelled', cancellation(open.orderId), open.orderId);
    await h.publish(
      'FulfillmentRequested',
      {
        orderId: partial.orderId,
        shipmentId: shipment.shipmentId,
        reservationId: `res-${randomUUID()}`,
        warehouseCode: 'WH',
        lines: shipment.lines,
        requestedAt: Date.now(),
      },
      partial.orderId,
    );
    await h.publish('ShipmentDispatched', shipment, partial.orderId);
    await h.publish(
      'InvoiceIssued',
      buildInvoice(
        partial.orderId,
        [shipment.shipmentId],
        [{ lineNo: 1, sku: 'FURN-001', quantity: 3 }],
      ),
      partial.orderId,
    );
    const flows = async (orderId: string) =>
      (await checksOf(h, orderId)).map((c) => `${c.flow}:${c.status}`).sort();
    await until(
      async () =>
        (await flows(partial.orderId)).length === 2 &&
        (await flows(open.orderId)).length === 1 &&
        (await inboxCount('FulfillmentRequested')) === 1
          ? true
          : undefined,
      'the later events handled',
    );
    expect(await callsSince(before)).toEqual([]);
    expect(await flows(open.orderId)).toEqual(['OrderCancelled:skipped']);
    expect(await flows(partial.orderId)).toEqual([
      'InvoiceIssued:skipped',
      'ShipmentDispatched:skipped',
    ]);
    // Nothing the shadow report counts as compared, pending or diverged; nothing parked or synced.
    const ids = imported.map((o) => o.orderId);
    const counted = await h
      .db('shadow_checks')
      .whereIn('order_id', ids)
      .whereIn('status', ['matched', 'diverged', 'pending']);
    expect(counted).toEqual([]);
    expect(await h.db('shadow_divergences').whereIn('order_id', ids)).toEqual([]);
    expect(await h.db('odoo_waiting_invoices').whereIn('order_id', ids)).toEqual([]);
    expect(await h.db('odoo_shipments').whereIn('order_id', ids)).toEqual([]);
    expect(await syncedActions(h, open.orderId)).toEqual([]);
    expect(await syncedActions(h, partial.orderId)).toEqual([]);
    const sos = await h.odoo.read(
      'sale.order',
      [open.odooSaleOrderId, partial.odooSaleOrderId],
      ['state', 'picking_ids'],
    );
    expect(sos.map((so) => so.state)).toEqual(['sale', 'sale']);
    const pickings = await h.odoo.read('stock.picking', sos[1]?.picking_ids as number[], ['state']);
    expect(pickings.every((p) => p.state !== 'done')).toBe(true);
  });

  it('still writes a new order of the live channel, which the call log shows (the probe sees writes)', async () => {
    const before = await calls();
    const order = orderOf(channel);
    await h.publish('OrderAccepted', order, order.orderId);
    await until(
      async () => ((await syncedActions(h, order.orderId)).length ? true : undefined),
      'the live order synced',
    );
    expect(await syncedActions(h, order.orderId)).toEqual(['created+confirmed']);
    const made = await callsSince(before);
    expect(made.filter((c) => c.model === 'sale.order').map((c) => c.modelMethod)).toEqual(
      expect.arrayContaining(['create', 'action_confirm']),
    );
  });
});
