import { Webhook } from 'standardwebhooks';
import { buildOrderAccepted, buildStockReserved } from './build';
import { startHarness, until, type Harness } from './harness';
import { startReceiver, type Receiver } from './receiver';

describe('webhook subscriptions and deliveries', () => {
  let h: Harness;
  let endpoint: Receiver;
  beforeAll(async () => {
    h = await startHarness();
    endpoint = await startReceiver();
  });
  afterAll(async () => {
    await endpoint?.close();
    await h?.stop();
  });
  const bodiesFor = (orderId: string, path = '/hook') =>
    endpoint.received.filter(
      (r) => (JSON.parse(r.body) as { orderId: string }).orderId === orderId && r.path === path,
    );

  it('manages subscriptions with precise problems, and never shows a secret after creation', async () => {
    const created = await h.call('POST', '/webhooks/subscriptions', {
      url: endpoint.url,
      eventTypes: ['OrderAccepted'],
      description: 'portal',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const id = created.body.id as string;
    const got = await h.call('GET', `/webhooks/subscriptions/${id}`);
    expect(got.body).toMatchObject({ id, status: 'active', eventTypes: ['OrderAccepted'] });
    expect(got.body.secret).toBeUndefined();

    const bad = await h.call('POST', '/webhooks/subscriptions', {
      url: 'ftp://x',
      eventTypes: ['NoSuchEvent'],
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect((bad.body.errors ?? []).map((e) => e.path).sort()).toEqual([
      'eventTypes[0]',
      'extra',
      'url',
    ]);
    const patched = await h.call('PATCH', `/webhooks/subscriptions/${id}`, {
      eventTypes: ['OrderCancelled'],
    });
    expect(patched.body.eventTypes).toEqual(['OrderCancelled']);
    expect((await h.call('DELETE', `/webhooks/subscriptions/${id}`)).status).toBe(204);
    const gone = await h.call('GET', `/webhooks/subscriptions/${id}`);
    expect(gone).toMatchObject({
      status: 404,
      body: { type: 'urn:o2c:problem:subscription-not-found' },
    });
    expect((await h.call('GET', '/webhooks/subscriptions/not-a-uuid')).status).toBe(404);
    const types = await h.call('GET', '/webhooks/event-types');
    expect(types.body.eventTypes).toEqual(
      expect.arrayContaining(['OrderAccepted', 'InvoiceIssued']),
    );
    expect(types.body.eventTypes).not.toContain('StockLevelChanged');
  });

  it('delivers signed events once each, filtered by channel, verifiable with the official verifier', async () => {
    const all = await h.subscribe({
      url: endpoint.url,
      eventTypes: ['OrderAccepted', 'StockReserved'],
    });
    const edi = await h.subscribe({
      url: endpoint.url,
      eventTypes: ['OrderAccepted', 'StockReserved'],
      filter: { channel: 'edi' },
    });
    const web = buildOrderAccepted({ channelCode: 'webshop' });
    const fromEdi = buildOrderAccepted({ channelCode: 'edi' });
    const acceptedId = await h.send('OrderAccepted', web);
    await h.send('OrderAccepted', web, acceptedId); // a redelivery: nothing more
    await h.send('OrderAccepted', fromEdi);
    await h.send('StockReserved', buildStockReserved(fromEdi.orderId));

    // Two subscriptions want the EDI order's two events: four webhooks.
    await until(() => bodiesFor(fromEdi.orderId).length === 4, 'four webhooks of the EDI order');
    await h.deliveriesOf(
      all.id,
      (d) => d.length === 3 && d.every((x) => x.status === 'delivered'),
      'all delivered',
    );
    expect(bodiesFor(web.orderId)).toHaveLength(1);
    const webhook = bodiesFor(web.orderId)[0]!;
    const payload = new Webhook(all.secret).verify(webhook.body, webhook.headers);
    expect(payload).toMatchObject({
      type: 'o2c.OrderAccepted',
      eventId: acceptedId,
      orderId: web.orderId,
      data: { channelCode: 'webshop', totalMinor: 24_000 },
    });
    expect(() => new Webhook(edi.secret).verify(webhook.body, webhook.headers)).toThrow();
    const ediDeliveries = await h.deliveriesOf(edi.id, (d) => d.length === 2, 'EDI deliveries');
    expect(ediDeliveries.map((d) => d.orderId)).toEqual([fromEdi.orderId, fromEdi.orderId]);

    const one = await h.call('GET', `/webhooks/deliveries/${webhook.headers['webhook-id']}`);
    expect(one.body).toMatchObject({ status: 'delivered', attempts: 1, eventId: acceptedId });
    expect(one.body.attemptLog).toEqual([
      expect.objectContaining({ statusCode: 200, outcome: 'delivered' }),
    ]);
  });

  it('signs with both secrets while a rotation overlaps, then replays one delivery with its webhook-id', async () => {
    const sub = await h.subscribe({
      url: `${endpoint.url}?rotation`,
      eventTypes: ['OrderAccepted'],
    });
    const mine = (orderId: string) => bodiesFor(orderId, '/hook?rotation');
    const rotated = await h.call('POST', `/webhooks/subscriptions/${sub.id}/rotate-secret`);
    expect(rotated.body.secret).not.toBe(sub.secret);
    expect(Date.parse(rotated.body.previousSecretValidUntil ?? '')).toBeGreaterThan(Date.now());
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    const [webhook] = await until(() => {
      const got = mine(order.orderId);
      return got.length ? got : undefined;
    }, 'the webhook');
    for (const secret of [sub.secret, rotated.body.secret as string])
      expect(new Webhook(secret).verify(webhook!.body, webhook!.headers)).toBeTruthy();

    const id = webhook!.headers['webhook-id']!;
    expect((await h.call('POST', `/webhooks/deliveries/${id}/replay`)).status).toBe(202);
    await until(() => mine(order.orderId).length === 2, 'the replayed webhook');
    expect(mine(order.orderId).map((r) => r.headers['webhook-id'])).toEqual([id, id]);
    const range = await h.call('POST', `/webhooks/subscriptions/${sub.id}/replay`, {
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 1000).toISOString(),
    });
    expect(range.body).toEqual({ requeued: 1 });
    await until(() => mine(order.orderId).length === 3, 'the range replayed');
  });
});
