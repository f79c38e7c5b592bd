import { buildOrderAccepted, buildOrderCancelled, buildStockReserved } from './build';
import { startHarness, until, type Harness } from './harness';
import { sampleOf } from '@o2c/testing';
import { startReceiver, type Receiver } from './receiver';

const orderOf = (body: string) => JSON.parse(body) as { orderId: string; type: string };

describe('failing endpoints', () => {
  let h: Harness;
  let endpoint: Receiver;
  beforeAll(async () => {
    h = await startHarness({ WEBHOOK_DISABLE_AFTER_FAILURES: '4' });
    endpoint = await startReceiver();
  });
  afterAll(async () => {
    await endpoint?.close();
    await h?.stop();
  });

  const metric = async (name: string, labels: Record<string, string> = {}) =>
    sampleOf(await (await fetch(`${h.url}/metrics`)).text(), name, labels) ?? 0;
  const durations = async (outcome: string) => ({
    count: await metric('o2c_webhook_attempt_duration_seconds_count', { outcome }),
    sum: await metric('o2c_webhook_attempt_duration_seconds_sum', { outcome }),
  });

  it('retries a 5xx, a timeout and a dropped connection, recording every attempt, until a 2xx', async () => {
    const sub = await h.subscribe({ url: `${endpoint.url}?flaky`, eventTypes: ['OrderAccepted'] });
    const [failedBefore, deliveredBefore] = [
      await durations('failed'),
      await durations('delivered'),
    ];
    const answers: Array<number | 'hang' | 'close'> = [503, 'hang', 'close', 204];
    endpoint.behave((r) => (r.path === '/hook?flaky' ? (answers.shift() ?? 200) : 200));
    const order = buildOrderAccepted();
    await h.send('OrderAccepted', order);
    const [delivery] = await h.deliveriesOf(
      sub.id,
      (d) => d[0]?.status === 'delivered',
      'the delivery to succeed',
    );
    const { body } = await h.call('GET', `/webhooks/deliveries/${delivery!.id}`);
    expect(body.attempts).toBe(4);
    const log = body.attemptLog as Array<{
      statusCode: number | null;
      error: string | null;
      outcome: string;
    }>;
    expect(log.map((a) => [a.statusCode, a.outcome])).toEqual([
      [503, 'failed'],
      [null, 'failed'],
      [null, 'failed'],
      [204, 'delivered'],
    ]);
    expect(log[0]!.error).toBe('HTTP 503');
    expect(log[1]!.error).toBe('no answer within 1000 ms');
    expect(log[2]!.error).toMatch(/fetch failed/);
    const sent = endpoint.received.filter((r) => r.path === '/hook?flaky');
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery!.id]));
    const subscription = await h.call('GET', `/webhooks/subscriptions/${sub.id}`);
    expect(subscription.body).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    const [failed, delivered] = [await durations('failed'), await durations('delivered')];
    expect(failed.count - failedBefore.count).toBe(3);
    expect(failed.sum - failedBefore.sum).toBeGreaterThanOrEqual(1); // the 1 s timeout among them
    expect(delivered.count - deliveredBefore.count).toBe(1);
    expect(await metric('o2c_webhook_deliveries_failed_total')).toBe(0);
  });

  it("keeps one order's webhooks in order while another order's go past a failing one", async () => {
    const sub = await h.subscribe({
      url: `${endpoint.url}?ordered`,
      eventTypes: ['OrderAccepted', 'StockReserved', 'OrderCancelled'],
    });
    const [a, b] = [buildOrderAccepted(), buildOrderAccepted()];
    // a's first webhook fails until b's has arrived (at most 3 times: 4 disable the endpoint).
    let bArrived = false;
    let failuresLeft = 3;
    endpoint.behave((r) => {
      if (r.path !== '/hook?ordered') return 200;
      const { orderId, type } = orderOf(r.body);
      if (orderId === b.orderId) bArrived = true;
      return orderId === a.orderId &&
        type === 'o2c.OrderAccepted' &&
        !bArrived &&
        failuresLeft-- > 0
        ? 500
        : 200;
    });
    await h.send('OrderAccepted', a);
    await h.send('OrderAccepted', b);
    // a's later events are on another topic (read independently): each is sent once the
    // previous one's delivery is recorded, the order the dispatcher keeps.
    const recorded = (n: number) =>
      h.deliveriesOf(sub.id, (d) => d.length >= n, `${n} deliveries recorded`);
    await recorded(2);
    await h.send('StockReserved', buildStockReserved(a.orderId));
    await recorded(3);
    await h.send('OrderCancelled', buildOrderCancelled(a.orderId));
    await h.deliveriesOf(
      sub.id,
      (d) => d.length === 4 && d.every((x) => x.status === 'delivered'),
      'all four delivered',
    );
    const seen = endpoint.received
      .filter((r) => r.path === '/hook?ordered')
      .map((r) => orderOf(r.body));
    const ofA = seen.filter((x) => x.orderId === a.orderId).map((x) => x.type);
    const retried = ofA.filter((t) => t === 'o2c.OrderAccepted').length;
    expect(retried).toBeGreaterThanOrEqual(2);
    expect(ofA).toEqual([
      ...Array<string>(retried).fill('o2c.OrderAccepted'),
      'o2c.StockReserved',
      'o2c.OrderCancelled',
    ]);
    // b was not held up behind a's retries: it arrived before a's first went through.
    const firstB = seen.findIndex((x) => x.orderId === b.orderId);
    const aThrough = seen
      .map((x) => `${x.orderId} ${x.type}`)
      .lastIndexOf(`${a.orderId} o2c.OrderAccepted`);
    expect(firstB).toBeLessThan(aThrough);
  });

  it('disables an endpoint after the threshold, keeps its deliveries, and sends them once re-enabled', async () => {
    const sub = await h.subscribe({ url: `${endpoint.url}?down`, eventTypes: ['OrderAccepted'] });
    let up = false;
    endpoint.behave((r) => (r.path === '/hook?down' && !up ? 502 : 200));
    const first = buildOrderAccepted();
    await h.send('OrderAccepted', first);
    const disabled = await until(async () => {
      const { body } = await h.call('GET', `/webhooks/subscriptions/${sub.id}`);
      return body.status === 'disabled' ? body : undefined;
    }, 'the subscription to be disabled');
    expect(disabled).toMatchObject({
      consecutiveFailures: 4,
      disabledReason: '4 consecutive failed attempts',
    });
    const second = buildOrderAccepted();
    await h.send('OrderAccepted', second);
    await h.deliveriesOf(
      sub.id,
      (d) => d.length === 2,
      'the second delivery queued while disabled',
    );
    const attemptsWhileDisabled = endpoint.received.filter((r) => r.path === '/hook?down').length;
    expect(attemptsWhileDisabled).toBe(4);

    up = true;
    const enabled = await h.call('POST', `/webhooks/subscriptions/${sub.id}/enable`);
    expect(enabled.body).toMatchObject({ status: 'active', consecutiveFailures: 0 });
    const done = await h.deliveriesOf(
      sub.id,
      (d) => d.length === 2 && d.every((x) => x.status === 'delivered'),
      'both delivered after enabling',
    );
    expect(done.map((d) => d.orderId).sort()).toEqual([first.orderId, second.orderId].sort());
  });

  it('gives up on a delivery once the schedule is exhausted, and a replay starts the schedule over', async () => {
    const sub = await h.subscribe({ url: `${endpoint.url}?gone`, eventTypes: ['OrderAccepted'] });
    let up = false;
    endpoint.behave((r) => (r.path === '/hook?gone' && !up ? 410 : 200));
    // Threshold 4 would disable it first: re-enable between failures so the schedule runs out.
    await h.send('OrderAccepted', buildOrderAccepted());
    const failed = await until(async () => {
      const { body } = await h.call('GET', `/webhooks/subscriptions/${sub.id}/deliveries`);
      const [d] = body.deliveries ?? [];
      if (d?.status === 'failed') return d;
      const s = await h.call('GET', `/webhooks/subscriptions/${sub.id}`);
      if (s.body.status === 'disabled')
        await h.call('POST', `/webhooks/subscriptions/${sub.id}/enable`);
      return undefined;
    }, 'the delivery to fail for good');
    expect(failed).toMatchObject({ attempts: 6, lastError: 'HTTP 410' }); // 1 + 5 retries
    const gaveUp = () => metric('o2c_webhook_deliveries_failed_total');
    await until(async () => ((await gaveUp()) === 1 ? true : undefined), 'the give-up counted');
    up = true;
    await h.call('POST', `/webhooks/deliveries/${failed.id}/replay`);
    await h.deliveriesOf(sub.id, (d) => d[0]?.status === 'delivered', 'the replayed delivery');
    expect(await gaveUp()).toBe(1);
  });
});
