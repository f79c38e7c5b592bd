import { randomUUID } from 'node:crypto';
import { sampleOf } from '@o2c/testing';
import { startHarness, until, type Harness, type Seen } from './harness';
import { buildOrderAccepted, buildStockReserved } from './build';

const BUCKET_MS = 2000;
const WINDOW_MS = 3 * BUCKET_MS;
const LATENESS_MS = 3000;
const EVERY_MS = 250; // 4 orders/s per channel: 24 per window

const openGauge = (text: string, subject: string, direction = 'LOW') =>
  sampleOf(text, 'o2c_flow_anomaly_open', { series: 'orders_per_channel', subject, direction });

describe('flow-watch on the real Kafka, registry and Postgres (2 s buckets, 3-bucket windows)', () => {
  let h: Harness;
  let anomalies: Seen[];
  const silent = new Set<string>();
  let live = true;
  let sending: Promise<void> = Promise.resolve();

  const orders = (at: number) =>
    ['shop', 'edi']
      .filter((channel) => !silent.has(channel))
      .map((channelCode) => ({ data: buildOrderAccepted({ channelCode, acceptedAt: at }), at }));

  beforeAll(async () => {
    h = await startHarness({
      ANOMALY_BUCKET_SECONDS: String(BUCKET_MS / 1000),
      ANOMALY_WINDOW_BUCKETS: '3',
      ANOMALY_LATENESS_SECONDS: String(LATENESS_MS / 1000),
      ANOMALY_RECENT_WINDOWS: '6',
      ANOMALY_MIN_REFERENCES: '3',
      ANOMALY_DLQ_POLL_SECONDS: '1',
      ANOMALY_MIN_SAMPLES: '5',
    });
    anomalies = await h.collect('ops.anomalies');
    // 36 s of history at once (the recent baseline needs three windows before the one judged),
    // then live traffic from both channels until the end.
    const start = Date.now() - 36_000;
    const history = Array.from({ length: 36_000 / EVERY_MS }, (_, i) =>
      orders(start + i * EVERY_MS),
    );
    await h.send('OrderAccepted', history.flat());
    sending = (async () => {
      while (live) {
        await h.send('OrderAccepted', orders(Date.now()));
        await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
      }
    })();
  }, 120_000);

  afterAll(async () => {
    live = false;
    await sending;
    await h?.stop();
  });

  const detectedOf = (subject: string) =>
    anomalies.filter((a) => a.type === 'FlowAnomalyDetected' && a.value.subject === subject);

  it('flags a channel gone silent (event, metric, API), once across a restart, and clears it when it resumes', async () => {
    await until(
      async () =>
        sampleOf(await h.metrics(), 'o2c_flow_observed', {
          series: 'orders_per_channel',
          subject: 'edi',
        }),
      'edi judged',
    );
    const silentFrom = Date.now();
    silent.add('edi');
    const [detected] = await until(
      () => (detectedOf('edi').length ? detectedOf('edi') : undefined),
      'edi detected',
    );
    const detectedAfter = Date.now() - silentFrom;
    expect(detectedAfter).toBeLessThanOrEqual(WINDOW_MS + BUCKET_MS + LATENESS_MS + 2000);
    expect(detected!.key).toBe('orders_per_channel:edi');
    expect(detected!.value).toMatchObject({
      direction: 'LOW',
      baseline: 'recent',
      series: 'orders_per_channel',
    });
    expect(detected!.value.observed as number).toBeLessThan(detected!.value.lowerBound as number);
    expect(detected!.value.expected as number).toBeGreaterThan(15);
    expect(openGauge(await h.metrics(), 'edi')).toBe(1);
    const listed = JSON.parse((await h.call('/anomalies')).text) as {
      anomalies: Record<string, unknown>[];
    };
    expect(listed.anomalies).toEqual([
      expect.objectContaining({
        anomalyId: detected!.value.anomalyId,
        state: 'open',
        subject: 'edi',
      }),
    ]);

    await h.restart();
    // The new instance judges edi's windows again: still open, from the row, without a new event.
    await until(
      async () => (openGauge(await h.metrics(), 'edi') === 1 ? true : undefined),
      'open after restart',
    );
    silent.delete('edi');
    const cleared = await until(
      () =>
        anomalies.find(
          (a) => a.type === 'FlowAnomalyCleared' && a.value.anomalyId === detected!.value.anomalyId,
        ),
      'edi cleared',
    );
    expect(cleared.key).toBe('orders_per_channel:edi');
    expect(cleared.value.openSeconds as number).toBeGreaterThan(0);
    expect(detectedOf('edi')).toHaveLength(1);
    expect(detectedOf('shop')).toEqual([]);
    expect(openGauge(await h.metrics(), 'edi')).toBe(0);
    const all = JSON.parse((await h.call('/anomalies?state=all')).text) as {
      anomalies: Record<string, unknown>[];
    };
    expect(all.anomalies).toEqual([expect.objectContaining({ subject: 'edi', state: 'cleared' })]);
    expect(JSON.parse((await h.call('/anomalies')).text)).toEqual({ anomalies: [] });
  }, 180_000);

  it('flags a burst of dead letters on a topic that had none', async () => {
    const dlq = 'sales.orders.dlq.some-group';
    await h.sendRaw(
      dlq,
      Array.from({ length: 12 }, () => ({ key: randomUUID(), value: Buffer.from('x') })),
    );
    const burst = await until(
      () =>
        anomalies.find(
          (a) => a.type === 'FlowAnomalyDetected' && a.key === 'dead_letter_rate:sales.orders',
        ),
      'dead letters flagged',
    );
    expect(burst.value).toMatchObject({ direction: 'HIGH', observed: 12, expected: 0 });
  }, 60_000);

  it('flags a stage whose latency steps up (HIGH, against the p95 of the windows before)', async () => {
    // 30 s of orders reserved 1 s after acceptance, two a second; each order's acceptance is
    // consumed before its reservation (else it gives no sample).
    const pairs = (from: number, count: number, latencyMs: number) =>
      Array.from({ length: count }, (_, i) => {
        const reservedAt = from + i * 500;
        const order = buildOrderAccepted({
          channelCode: 'latency',
          acceptedAt: reservedAt - latencyMs,
        });
        return { order, reservation: buildStockReserved(order.orderId, reservedAt) };
      });
    const sendPairs = async (list: ReturnType<typeof pairs>) => {
      await h.send(
        'OrderAccepted',
        list.map((p) => ({ data: p.order, at: p.order.acceptedAt })),
      );
      await until(async () => {
        const ids = list.map((p) => p.order.orderId);
        const rows: unknown[] = await h.app
          .db('orders')
          .whereIn('order_id', ids)
          .select('order_id');
        return rows.length === ids.length ? true : undefined;
      }, 'orders recorded');
      await h.send(
        'StockReserved',
        list.map((p) => ({ data: p.reservation, at: p.reservation.reservedAt })),
      );
    };
    await sendPairs(pairs(Date.now() - 30_000, 60, 1000));
    const judged = (text: string) =>
      sampleOf(text, 'o2c_flow_observed', { series: 'stage_latency_p95', subject: 'reserved' });
    await until(async () => judged(await h.metrics()), 'reserved latency judged');
    const highs = () =>
      anomalies.filter(
        (a) => a.type === 'FlowAnomalyDetected' && a.key === 'stage_latency_p95:reserved',
      );
    expect(highs()).toEqual([]);
    let stepping = true;
    const step = (async () => {
      while (stepping) {
        await sendPairs(pairs(Date.now(), 2, 8000));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    try {
      const [high] = await until(() => (highs().length ? highs() : undefined), 'latency flagged');
      expect(high!.value).toMatchObject({ direction: 'HIGH', baseline: 'recent' });
      expect(high!.value.expected as number).toBeLessThan(1.5);
      expect(high!.value.observed as number).toBeGreaterThan(8);
    } finally {
      stepping = false;
      await step;
    }
  }, 90_000);

  it('answers 400 to an unknown state', async () => {
    expect((await h.call('/anomalies?state=closed')).status).toBe(400);
  });
});
