import { requestHash } from '../src/adapters/http/request-hash';
import { buildOrderBody } from './build';
import { header, startHarness, until, type Harness, type Seen } from './harness';

const post = (h: Harness, body: unknown, key: string) =>
  h.call('POST', '/orders', body, { 'Idempotency-Key': key });

describe('order-intake REST', () => {
  let h: Harness;
  let salesOrders: Seen[];
  beforeAll(async () => {
    h = await startHarness();
    salesOrders = await h.collect(`${h.prefix}sales.orders`);
  });
  afterAll(() => h?.stop());

  const published = (orderId: string, type: string) =>
    until(
      () =>
        salesOrders.find(
          (m) => m.type === type && (m.value as { orderId?: string }).orderId === orderId,
        ),
      `${type} for ${orderId}`,
    );

  describe('POST /orders with a valid order', () => {
    it('answers 201, stores the order and its outbox row, and publishes an Avro OrderAccepted', async () => {
      const body = buildOrderBody();
      const { res, body: out } = await post(h, body, `k-${body.channelOrderRef}`);
      expect(res.status).toBe(201);
      const orderId = out.orderId as string;
      expect(res.headers.get('location')).toBe(`/orders/${orderId}`);
      expect(out).toMatchObject({ status: 'accepted', order: { totalMinor: 26_850 } });

      const row = (await h.db('orders').where({ order_id: orderId }).first()) as
        Record<string, unknown> | undefined;
      expect(row).toMatchObject({ status: 'accepted', channel_order_ref: body.channelOrderRef });
      const outbox = (await h.db('outbox').where({ key: orderId })) as Array<{
        topic: string;
        event_type: string;
      }>;
      expect(outbox.map((r) => [r.topic, r.event_type])).toEqual([
        [`${h.prefix}sales.orders`, 'OrderAccepted'],
      ]);

      const message = await published(orderId, 'OrderAccepted');
      expect(message.value).toEqual(out.order);
      expect(header(message.headers, 'correlation-id')).toBe(orderId);
      expect(header(message.headers, 'producer')).toBe('order-intake');
      const metrics = await (await fetch(`${h.url}/metrics`)).text();
      expect(metrics).toMatch(
        /o2c_orders_decided_total\{source="rest",outcome="accepted"[^}]*\} [1-9]/,
      );
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body, refuses another body, and 409s while in flight', async () => {
      const body = buildOrderBody();
      const key = `k-${body.channelOrderRef}`;
      const first = await post(h, body, key);
      const again = await post(h, { ...body }, key);
      expect(again.res.status).toBe(201);
      expect(again.res.headers.get('idempotent-replayed')).toBe('true');
      expect(first.res.headers.get('idempotent-replayed')).toBeNull();
      expect(again.body).toEqual(first.body);
      expect(await h.db('orders').where({ channel_order_ref: body.channelOrderRef })).toHaveLength(
        1,
      );

      const other = await post(h, { ...body, currency: 'USD' }, key);
      expect(other.res.status).toBe(422);
      expect(other.res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(other.body.type).toBe('urn:o2c:problem:idempotency-key-reused');

      // Hold the first request inside its transaction (orders locked against inserts).
      const lock = await h.db.transaction();
      try {
        await lock.raw('lock table orders in exclusive mode');
        const slowBody = buildOrderBody();
        const slowKey = `k-${slowBody.channelOrderRef}`;
        const slow = post(h, slowBody, slowKey);
        await until(
          async () =>
            (await h.db('idempotency_keys').where({ key: slowKey })).length ? true : undefined,
          'first request in flight',
        );
        const during = await post(h, slowBody, slowKey);
        expect(during.res.status).toBe(409);
        expect(during.body.type).toBe('urn:o2c:problem:idempotency-request-in-flight');
        await lock.commit();
        expect((await slow).res.status).toBe(201);
      } finally {
        if (!lock.isCompleted()) await lock.rollback();
      }
    });

    it('takes over a key left in flight by a crashed request once it is stale', async () => {
      const body = buildOrderBody();
      const key = `k-${body.channelOrderRef}`;
      await h.db('idempotency_keys').insert({
        key,
        request_hash: requestHash('POST', '/orders', body),
        state: 'in_flight',
        locked_at: new Date(Date.now() - 3_600_000),
      });
      const { res } = await post(h, body, key);
      expect(res.status).toBe(201);
      expect(await h.db('idempotency_keys').where({ key }).first()).toMatchObject({
        state: 'done',
        response_status: 201,
      });
    });

    it('frees the key when the request fails, so the client can retry it', async () => {
      const body = buildOrderBody();
      const key = `k-${body.channelOrderRef}`;
      const outboxRows = async () => (await h.db('outbox').select('id')).length;
      const before = await outboxRows();
      await h.db.schema.renameTable('order_events', 'order_events_away');
      try {
        const failed = await post(h, body, key);
        expect(failed.res.status).toBe(500);
        expect(failed.body.type).toBe('urn:o2c:problem:internal');
      } finally {
        await h.db.schema.renameTable('order_events_away', 'order_events');
      }
      expect(await h.db('idempotency_keys').where({ key })).toHaveLength(0);
      // The failed transaction left nothing: no order, no outbox row.
      expect(await h.db('orders').where({ channel_order_ref: body.channelOrderRef })).toHaveLength(
        0,
      );
      expect(await outboxRows()).toBe(before);
      const retried = await post(h, body, key);
      expect(retried.res.status).toBe(201);
      expect(retried.res.headers.get('idempotent-replayed')).toBeNull();
    });

    it('requires the header', async () => {
      const { res, body } = await h.call('POST', '/orders', buildOrderBody());
      expect(res.status).toBe(400);
      expect(body.type).toBe('urn:o2c:problem:idempotency-key-missing');
    });
  });

  describe('POST /orders for a channel order already live', () => {
    it('creates one order for concurrent submissions under different keys and points the rest at it', async () => {
      const body = buildOrderBody();
      const answers = await Promise.all(
        ['a', 'b', 'c'].map((k) => post(h, body, `k-${k}-${body.channelOrderRef}`)),
      );
      expect(answers.map((a) => a.res.status).sort()).toEqual([200, 200, 201]);
      const orderIds = new Set(answers.map((a) => a.body.orderId));
      expect(orderIds.size).toBe(1);
      expect(await h.db('orders').where({ channel_order_ref: body.channelOrderRef })).toHaveLength(
        1,
      );
    });
  });

  describe('POST /orders with a business-invalid order', () => {
    it('answers 422 with reasons, stores it as rejected and publishes OrderRejected', async () => {
      const body = buildOrderBody({
        lines: [{ sku: 'NOPE-1', quantity: 2, uom: 'EA', unitPriceMinor: 100 }],
        warehouseCode: 'WH9',
      });
      const { res, body: out } = await post(h, body, `k-${body.channelOrderRef}`);
      expect(res.status).toBe(422);
      expect(out.type).toBe('urn:o2c:problem:order-rejected');
      expect(out.reasons).toEqual([
        expect.objectContaining({ code: 'UNKNOWN_WAREHOUSE', field: 'warehouseCode' }),
        expect.objectContaining({ code: 'UNKNOWN_SKU', field: 'lines[0].sku' }),
      ]);
      const orderId = out.orderId as string;
      expect(await h.db('orders').where({ order_id: orderId }).first()).toMatchObject({
        status: 'rejected',
      });
      const message = await published(orderId, 'OrderRejected');
      expect(message.value).toMatchObject({ channelOrderRef: body.channelOrderRef });
      expect((message.value as { reasons: unknown[] }).reasons).toEqual(out.reasons);
    });

    it('answers 400 for a body of the wrong shape, with the path of each issue', async () => {
      const body = buildOrderBody({ lines: [{ sku: 'FURN-001', quantity: 'two' }], extra: 1 });
      const { res, body: out } = await post(h, body, 'k-shape');
      expect(res.status).toBe(400);
      expect(out.type).toBe('urn:o2c:problem:validation');
      expect((out.errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual([
        'extra',
        'lines[0].quantity',
      ]);
    });
  });

  describe('GET /orders/:id', () => {
    it('shows the status and the timeline, cancellation included', async () => {
      const body = buildOrderBody();
      const created = await post(h, body, `k-${body.channelOrderRef}`);
      const orderId = created.body.orderId as string;
      const cancel = await h.call('POST', `/orders/${orderId}/cancel`, { reasonCode: 'CUSTOMER' });
      expect(cancel.res.status).toBe(200);
      const { res, body: view } = await h.call('GET', `/orders/${orderId}`);
      expect(res.status).toBe(200);
      expect(view).toMatchObject({ orderId, status: 'cancelled', customerId: 'CUST-001' });
      expect((view.timeline as Array<{ eventType: string }>).map((e) => e.eventType)).toEqual([
        'OrderAccepted',
        'OrderCancelled',
      ]);
      await published(orderId, 'OrderCancelled');
    });

    it('answers 404 problem+json for an unknown order', async () => {
      const { res, body } = await h.call('GET', '/orders/nope');
      expect(res.status).toBe(404);
      expect(body.type).toBe('urn:o2c:problem:order-not-found');
    });
  });

  describe('GET /openapi.json', () => {
    it('is OpenAPI 3.1 and describes every route the service serves', async () => {
      const { body: doc } = await h.call('GET', '/openapi.json');
      expect(doc.openapi).toBe('3.1.0');
      const paths = doc.paths as Record<string, Record<string, unknown>>;
      const routes = listRoutes(h.app.http.app.router as unknown as { stack: Layer[] });
      expect(routes.length).toBeGreaterThanOrEqual(6);
      for (const { method, path } of routes) {
        expect([path, method, paths[path]?.[method] !== undefined]).toEqual([path, method, true]);
      }
    });
  });
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The routes express would serve, nested routers included, in OpenAPI path syntax. */
function listRoutes(router: { stack: Layer[] }): Array<{ method: string; path: string }> {
  return router.stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => ({ method, path }));
    }
    return layer.handle?.stack ? listRoutes({ stack: layer.handle.stack }) : [];
  });
}
