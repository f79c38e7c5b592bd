import { randomUUID } from 'node:crypto';
import { sampleOf } from '@o2c/testing';
import { startHarness, until, type Harness, type Seen } from './harness';
import { buildOrderAccepted } from './build';

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

  it('answers 400 to an unknown state', async () => {
    expect((await h.call('/anomalies?state=closed')).status).toBe(400);
  });
});
