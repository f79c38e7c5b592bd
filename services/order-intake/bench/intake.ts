// Throughput and latency of order-intake in-process on the local infra (figures, not a test):
//   npx tsx services/order-intake/bench/intake.ts [--orders 300] [--concurrency 8]
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { buildOrderSubmitted } from '@o2c/testing';
import { buildOrderBody } from '../test/build';
import { startHarness, until, type Harness } from '../test/harness';
import { UNPUBLISHED } from '@o2c/outbox';

const options = new Command()
  .option('--orders <n>', 'orders per entry point', '300')
  .option('--concurrency <n>', 'REST requests in flight', '8')
  .parse()
  .opts<Record<string, string>>();

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

const firstCount = (rows: Array<Record<string, unknown>>) => Number(rows[0]?.n);
const unpublished = async (h: Harness) =>
  firstCount(await h.db('outbox').whereRaw(UNPUBLISHED).count({ n: '*' }));
const channelOrders = async (h: Harness) =>
  firstCount(await h.db('orders').whereLike('channel_order_ref', 'WEB-%').count({ n: '*' }));

async function rest(h: Harness, orders: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < orders) {
        next++;
        const body = buildOrderBody();
        const t = performance.now();
        const { res } = await h.call('POST', '/orders', body, {
          'Idempotency-Key': `b-${body.channelOrderRef}`,
        });
        if (res.status !== 201) throw new Error(`POST /orders answered ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const answered = performance.now() - start;
  await until(async () => ((await unpublished(h)) === 0 ? true : undefined), 'outbox drained');
  latencies.sort((a, b) => a - b);
  return { answered, published: performance.now() - start, latencies };
}

async function kafka(h: Harness, orders: number) {
  const start = performance.now();
  for (let i = 0; i < orders; i++) await h.submit(buildOrderSubmitted());
  const sent = performance.now() - start;
  await until(async () => ((await channelOrders(h)) >= orders ? true : undefined), 'decided');
  return { sent, decided: performance.now() - start };
}

async function main() {
  const orders = Number(options.orders);
  const h = await startHarness();
  try {
    const r = await rest(h, orders, Number(options.concurrency));
    const f = (n: number) => n.toFixed(1);
    process.stdout.write(
      `REST: ${orders} orders, concurrency ${options.concurrency}: ${f((orders / r.answered) * 1000)} orders/s answered; ` +
        `latency p50 ${f(quantile(r.latencies, 0.5))} ms, p95 ${f(quantile(r.latencies, 0.95))} ms, p99 ${f(quantile(r.latencies, 0.99))} ms; ` +
        `all OrderAccepted published after ${f(r.published)} ms\n`,
    );
    const k = await kafka(h, orders);
    process.stdout.write(
      `Kafka: ${orders} OrderSubmitted sent one by one in ${f(k.sent)} ms; all decided after ${f(k.decided)} ms ` +
        `(${f((orders / k.decided) * 1000)} orders/s)\n`,
    );
  } finally {
    await h.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
