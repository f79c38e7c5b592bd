import { randomUUID } from 'node:crypto';
import type { OrderAccepted } from '@o2c/contracts';
import { asDeveloper, createLegacyWriter, sampleOf, type LegacyWriter } from '@o2c/testing';
import { startHarness, type Harness } from './harness';
import { FURN_002 } from './sim-probes';
import {
  checkOf,
  checksOf,
  fullInvoice,
  fullShipment,
  orderOf,
  pinOf,
  saleOrdersKeyed,
  setChannelMode,
  syncedActions,
  until,
} from './shadow-support';

const SETTLE_MS = 6000;

describe('odoo-adapter shadow mode, then cutover and rollback of one channel (Odoo 17 simulator)', () => {
  let h: Harness;
  let legacy: LegacyWriter;
  let shadowEvents: Awaited<ReturnType<Harness['collect']>>;
  let syncEvents: Awaited<ReturnType<Harness['collect']>>;
  const channel = `legacy-${randomUUID().slice(0, 6)}`;
  const exact = orderOf(channel);
  const exact2 = orderOf(channel);
  const missing = orderOf(channel);
  const quantity = orderOf(channel);
  const price = orderOf(channel);
  const unposted = orderOf(channel);
  const late = orderOf(channel);
  const shadowOrders = [exact, exact2, missing, quantity, price, unposted, late];
  const legacyWritten = [exact, exact2, quantity, price, unposted, late];
  const allSaleOrders = async () =>
    (await h.odoo.searchRead('sale.order', [], { fields: ['id'] })).length;
  let before = 0;
  /** Written by the adapter after the cutover, completed by it after the rollback. */
  let liveOrder: OrderAccepted | undefined;

  beforeAll(async () => {
    h = await startHarness('17', {
      env: { SHADOW_RECHECK_MS: '200', SHADOW_SETTLE_MS: String(SETTLE_MS) },
    });
    legacy = createLegacyWriter(h.odoo);
    shadowEvents = await h.collect('odoo.shadow');
    syncEvents = await h.collect('odoo.sync');
    await setChannelMode(h, channel, 'shadow');
    before = await allSaleOrders();
  });
  afterAll(() => h?.stop());

  it('finds exactly the injected divergences, writes nothing, and lets a lagging legacy write match', async () => {
    const [e, e2, q, p, u, l] = [exact, exact2, quantity, price, unposted, late];
    await legacy.writeOrder(e);
    await legacy.writeOrder(e2);
    await legacy.writeOrder(missing, { skip: true });
    await legacy.writeOrder(q, { quantity: { 'FURN-001': 2 } });
    await legacy.writeOrder(p, { priceUnit: { 'FURN-002': 340 } });
    await legacy.writeOrder(u);
    for (const o of [e, e2, missing, q, p, u, l]) await h.publish('OrderAccepted', o, o.orderId);

    // The late order: compared (not there yet) before the legacy path writes it.
    await checkOf(h, l.orderId, 'SALE_ORDER', (c) => c.status === 'pending' && c.attempts >= 1);
    await legacy.writeOrder(l);

    // Delivered and invoiced by the legacy path; one invoice it never posts.
    const shipped: string[] = [];
    for (const o of [e, u]) {
      await legacy.validateDelivery(o.channelOrderRef);
      await legacy.invoice(o.channelOrderRef, { post: o !== u });
      const shipment = fullShipment(o);
      shipped.push(shipment.shipmentId);
      await h.publish('ShipmentDispatched', shipment, o.orderId);
      await h.publish('InvoiceIssued', fullInvoice(o, shipment.shipmentId), o.orderId);
    }
    for (const o of shadowOrders) await checkOf(h, o.orderId, 'SALE_ORDER');
    for (const o of [e, u]) {
      await checkOf(h, o.orderId, 'DELIVERY');
      await checkOf(h, o.orderId, 'INVOICE');
    }
    expect((await checkOf(h, l.orderId, 'SALE_ORDER')).status).toBe('matched');

    const divergences = (await h.db('shadow_divergences').where({ channel_code: channel })).map(
      (d: { order_id: string; kind: string; sku: string; expected: string; actual: string }) =>
        `${d.order_id} ${d.kind} ${d.sku} ${d.expected} → ${d.actual}`,
    );
    const want = [
      `${missing.orderId} SALE_ORDER_MISSING  ${missing.channelOrderRef} → null`,
      `${q.orderId} QUANTITY_DIFFERS FURN-001 3 → 2`,
      `${p.orderId} PRICE_DIFFERS FURN-002 350.00 EUR → 340.00 EUR`,
      `${u.orderId} INVOICE_NOT_POSTED  710.00 EUR → null`,
    ];
    expect(divergences.sort()).toEqual(want.sort());
    const events = await until(() => {
      const found = shadowEvents.filter(
        (m) => (m.value as { channelCode: string }).channelCode === channel,
      );
      return Promise.resolve(found.length >= want.length ? found : undefined);
    }, 'ShadowDivergenceDetected on odoo.shadow');
    expect(
      events
        .map((m) => m.value as { orderId: string; kind: string; sku: string | null })
        .map((d) => `${d.orderId} ${d.kind} ${d.sku ?? ''}`)
        .sort(),
    ).toEqual(want.map((w) => w.split(' ').slice(0, 3).join(' ')).sort());
    // The legacy path's validated deliveries are reported as the live path reports its own.
    const validated = await until(() => {
      const ids = syncEvents
        .filter((m) => m.type === 'OdooDeliveryValidated')
        .map((m) => (m.value as { shipmentId: string }).shipmentId)
        .filter((id) => shipped.includes(id));
      return Promise.resolve(ids.length >= shipped.length ? ids : undefined);
    }, 'OdooDeliveryValidated of the shadow shipments');
    expect(validated.sort()).toEqual([...shipped].sort());
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    for (const kind of ['SALE_ORDER_MISSING', 'QUANTITY_DIFFERS', 'PRICE_DIFFERS'])
      expect(
        sampleOf(metrics, 'o2c_shadow_divergences_total', { channel, flow: 'SALE_ORDER', kind }),
      ).toBe(1);
    expect(
      sampleOf(metrics, 'o2c_shadow_compared_total', {
        channel,
        flow: 'SALE_ORDER',
        result: 'matched',
      }),
    ).toBe(4);
    expect(
      sampleOf(metrics, 'o2c_shadow_compared_total', {
        channel,
        flow: 'INVOICE',
        result: 'diverged',
      }),
    ).toBe(1);
    expect(sampleOf(metrics, 'o2c_shadow_pending', { channel })).toBe(0);

    // The adapter wrote nothing: only the legacy path's sale orders are new.
    expect(await allSaleOrders()).toBe(before + legacyWritten.length);
    expect(
      await saleOrdersKeyed(
        h,
        shadowOrders.map((o) => o.orderId),
      ),
    ).toEqual([]);
    expect(
      await h.db('odoo_sync_log').whereIn(
        'order_id',
        shadowOrders.map((o) => o.orderId),
      ),
    ).toEqual([]);
  });

  it('a switch in the middle of a stream of orders: each order handled in one mode, once', async () => {
    const stream = Array.from({ length: 8 }, () => orderOf(channel));
    for (const o of stream) await legacy.writeOrder(o);
    for (const [i, o] of stream.entries()) {
      if (i === 4) await setChannelMode(h, channel, 'live');
      await h.publish('OrderAccepted', o, o.orderId);
    }
    const ids = stream.map((o) => o.orderId);
    const handled = async (orderId: string) =>
      (await syncedActions(h, orderId)).length + (await checksOf(h, orderId)).length;
    await until(async () => {
      for (const id of ids) if ((await handled(id)) === 0) return undefined;
      return true;
    }, 'every order of the stream handled');
    const pins = new Map(
      (await h.db('order_modes').whereIn('order_id', ids)).map(
        (r: { order_id: string; mode: string }) => [r.order_id, r.mode],
      ),
    );
    expect(pins.size).toBe(stream.length);
    const ours = await saleOrdersKeyed(h, ids);
    for (const id of ids) {
      const live = pins.get(id) === 'live';
      expect(ours.filter((so) => so.client_order_ref === id)).toHaveLength(live ? 1 : 0);
      expect(await syncedActions(h, id)).toEqual(live ? ['created+confirmed'] : []);
      expect((await checksOf(h, id)).map((c) => c.flow)).toEqual(live ? [] : ['SALE_ORDER']);
    }
    // The four published after the switch are live.
    expect(stream.slice(4).map((o) => pins.get(o.orderId))).toEqual([
      'live',
      'live',
      'live',
      'live',
    ]);
  });

  it('cutover: new orders of the channel are written once by the adapter; shadow orders stay shadow', async () => {
    await setChannelMode(h, channel, 'live');
    const fresh = orderOf(channel);
    await h.publish('OrderAccepted', fresh, fresh.orderId);
    await until(
      async () => ((await syncedActions(h, fresh.orderId)).length ? true : undefined),
      'written',
    );
    expect(await pinOf(h, fresh.orderId)).toBe('live');
    const written = await saleOrdersKeyed(h, [fresh.orderId]);
    expect(written).toHaveLength(1);
    expect(written[0]?.state).toBe('sale');

    // A shadow-pinned order's later events are compared, never written.
    const e2 = exact2;
    await legacy.validateDelivery(e2.channelOrderRef);
    await legacy.invoice(e2.channelOrderRef);
    const shipment = fullShipment(e2);
    await h.publish('ShipmentDispatched', shipment, e2.orderId);
    await h.publish('InvoiceIssued', fullInvoice(e2, shipment.shipmentId), e2.orderId);
    expect((await checkOf(h, e2.orderId, 'DELIVERY')).status).toBe('matched');
    expect((await checkOf(h, e2.orderId, 'INVOICE')).status).toBe('matched');
    expect(await syncedActions(h, e2.orderId)).toEqual([]);
    expect(await saleOrdersKeyed(h, [e2.orderId])).toEqual([]);
    liveOrder = fresh;
  });

  it('rollback: new orders are no longer written; a live-pinned order is completed by the adapter, once', async () => {
    await setChannelMode(h, channel, 'shadow');
    const next = orderOf(channel);
    await legacy.writeOrder(next);
    await h.publish('OrderAccepted', next, next.orderId);
    expect((await checkOf(h, next.orderId, 'SALE_ORDER')).status).toBe('matched');
    expect(await pinOf(h, next.orderId)).toBe('shadow');
    expect(await saleOrdersKeyed(h, [next.orderId])).toEqual([]);

    const live = liveOrder!;
    const shipment = fullShipment(live);
    await h.publish('ShipmentDispatched', shipment, live.orderId);
    await until(
      async () => ((await syncedActions(h, live.orderId)).includes('validated') ? true : undefined),
      'live order delivered by the adapter',
    );
    expect(await syncedActions(h, live.orderId)).toEqual(['created+confirmed', 'validated']);
    expect(await checksOf(h, live.orderId)).toEqual([]);
    // A live attempt created and confirmed our sale order, then failed (its pin rolled back);
    // the channel is shadow by the retry: the order stays live, with the adapter.
    const half = orderOf(channel);
    const partner = await h.odoo.searchRead('res.partner', [['ref', '=', half.customerId]], {
      fields: ['id'],
    });
    const halfId = await h.odoo.create('sale.order', {
      partner_id: partner[0]?.id,
      client_order_ref: half.orderId,
      order_line: [[0, 0, { product_id: FURN_002, product_uom_qty: 1 }]],
    });
    await h.odoo.call('sale.order', 'action_confirm', { ids: [halfId] });
    await h.publish('OrderAccepted', half, half.orderId);
    await until(
      async () => ((await syncedActions(h, half.orderId)).length ? true : undefined),
      'the half-written order completed',
    );
    expect(await syncedActions(h, half.orderId)).toEqual(['already-synced']);
    expect(await pinOf(h, half.orderId)).toBe('live');

    const modes = (await (
      await fetch(`${h.url}/channels/modes`, { headers: asDeveloper })
    ).json()) as { defaultMode: string; channels: Array<Record<string, unknown>> };
    expect(modes.defaultMode).toBe('live');
    expect(modes.channels.find((c) => c.channelCode === channel)).toMatchObject({
      mode: 'shadow',
      source: 'channel_modes',
      pinnedOrders: { live: expect.any(Number) as unknown, shadow: expect.any(Number) as unknown },
    });
    const [so] = await saleOrdersKeyed(h, [live.orderId]);
    const pickings = await h.odoo.read('stock.picking', so?.picking_ids as number[], ['state']);
    expect(pickings.map((p) => p.state)).toEqual(['done']);
  });

  it('an Odoo that cannot be read keeps a comparison pending past the settle time, never a divergence', async () => {
    const order = orderOf(channel);
    await h.publish('OrderAccepted', order, order.orderId);
    const first = await checkOf(h, order.orderId, 'SALE_ORDER', (c) => c.attempts >= 1);
    // Reads of sale orders fail; the legacy integration's write goes through meanwhile, so the
    // first re-check that can read again finds it (with Odoo down as a whole, a re-check between
    // Odoo's return and that write saw no order past the settle time: a divergence).
    await h.control('POST', 'faults', {
      kind: 'http_500',
      model: 'sale.order',
      method: 'search_read',
    });
    await legacy.writeOrder(order);
    const settledBy = Date.now() + SETTLE_MS;
    // A re-check that failed after the settle time had passed, Odoo still down.
    const failed = await until(async () => {
      const [c] = await checksOf(h, order.orderId);
      return Date.now() > settledBy + 500 && c?.last_error ? c : undefined;
    }, 're-checks failing while Odoo is down');
    expect(failed).toMatchObject({ status: 'pending' });
    expect(await h.db('shadow_divergences').where({ order_id: order.orderId })).toEqual([]);
    await h.control('DELETE', 'faults');
    expect((await checkOf(h, order.orderId, 'SALE_ORDER')).status).toBe('matched');
    expect(first.status).toBe('pending');
  });
});
