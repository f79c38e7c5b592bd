#!/usr/bin/env tsx
/**
 * `npm run bench`: end-to-end orders/s and order → invoice latency at a fixed offered load, with
 * every service as its own process on the local Kafka, registry and Postgres, and peak RSS per
 * process. Options: --rate <orders/s> (default 500), --duration <s> (default 20).
 */
import { parseArgs } from 'node:util';
import { apiOf } from '../support/api';
import { createChannel } from '../support/channel';
import { STOCKED } from '../support/mix';
import { SERVICES, startPlatform } from '../support/platform';
import { infraPid, sampleRss } from '../support/rss';
import { stockUp } from '../support/stock';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '20' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const pct = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
const line = [{ sku: 'SCRW-12', quantity: 1, uom: 'DZ', unitPriceMinor: 950 }];
const STAGES = [
  'OrderAccepted',
  'StockReserved',
  'FulfillmentRequested',
  'ShipmentBooked',
  'ShipmentDispatched',
  'InvoiceIssued',
];

async function main() {
  say('starting the platform (five services, odoo-sim, carrier-sim)…');
  const p = await startPlatform({
    env: {
      'odoo-adapter': { ODOO_RATE_PER_SEC: '100000', ODOO_MAX_CONCURRENCY: '16' },
      'carrier-sim': { CARRIER_SIM_PICKED_UP_AFTER_MS: '0', CARRIER_SIM_DELIVERED_AFTER_MS: '0' },
    },
  });
  try {
    const api = apiOf(p);
    await stockUp(api, Object.fromEntries(STOCKED.map((s) => [s, 10_000_000])));
    const channel = await createChannel(p);
    const invoices = await channel.read('billing.invoices');
    const names = ['odoo-sim', 'carrier-sim', ...SERVICES] as const;
    const rss = sampleRss({
      ...Object.fromEntries(names.map((n) => [n, p.pid(n)])),
      kafka: infraPid('kafka'),
      registry: infraPid('registry'),
    });

    say(`offering ${rate} orders/s for ${duration} s…`);
    const submitted = new Map<string, number>();
    let failed = 0;
    const inFlight = new Set<Promise<void>>();
    const start = Date.now();
    for (let i = 0; i < rate * duration; i++) {
      const due = start + (i * 1000) / rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      while (inFlight.size >= 512) await Promise.race(inFlight);
      const t0 = Date.now();
      const job = api
        .submitRaw(line)
        .then((res) => {
          if (res.status === 201) submitted.set(res.body.orderId as string, t0);
          else failed++;
        })
        .catch(() => void failed++)
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
    await Promise.all(inFlight);
    const offeredFor = (Date.now() - start) / 1000;
    say(
      `${submitted.size} accepted (${failed} failed) in ${offeredFor.toFixed(1)} s; waiting for invoices…`,
    );

    const deadline = Date.now() + 300_000;
    let seen = 0;
    let stalledSince = Date.now();
    while (Date.now() < deadline) {
      const n = new Set(invoices.map((m) => (m.value as { orderId: string }).orderId)).size;
      if (n >= submitted.size) break;
      if (n > seen) [seen, stalledSince] = [n, Date.now()];
      if (Date.now() - stalledSince > 60_000) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const peak = rss.stop();
    const firstInvoice = new Map<string, number>();
    for (const m of invoices) {
      const id = (m.value as { orderId: string }).orderId;
      if (!firstInvoice.has(id)) firstInvoice.set(id, m.timestamp);
    }
    const latencies = [...firstInvoice.entries()]
      .filter(([id]) => submitted.has(id))
      .map(([id, t]) => t - submitted.get(id)!)
      .sort((a, b) => a - b);
    const lastInvoice = Math.max(...firstInvoice.values());
    const sustained = latencies.length / ((lastInvoice - start) / 1000);

    // Where the time goes: median time between milestones, from a sample of order timelines.
    const sample = [...submitted.keys()].slice(0, 100);
    const gaps: number[][] = STAGES.slice(1).map(() => []);
    for (const id of sample) {
      const { timeline } = (await api.order(id)) as unknown as {
        timeline: Array<{ eventType: string; occurredAt: string }>;
      };
      const at = (t: string) => timeline.find((e) => e.eventType === t)?.occurredAt;
      STAGES.slice(1).forEach((stage, i) => {
        const a = at(STAGES[i]!);
        const b = at(stage);
        if (a && b) gaps[i]!.push(Date.parse(b) - Date.parse(a));
      });
    }
    await channel.close();

    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(`\n| measure | result |\n| --- | --- |`);
    out(
      `| offered load | ${rate} orders/s for ${duration} s (achieved ${(submitted.size / offeredFor).toFixed(0)}/s accepted, ${failed} failed) |`,
    );
    out(`| invoiced | ${latencies.length} of ${submitted.size} |`);
    out(`| sustained end-to-end | ${sustained.toFixed(1)} orders/s |`);
    out(
      `| order → invoice p50 / p95 / p99 | ${pct(latencies, 0.5)} / ${pct(latencies, 0.95)} / ${pct(latencies, 0.99)} ms |`,
    );
    out(`\n| stage (median of ${sample.length} orders) | ms |\n| --- | --- |`);
    STAGES.slice(1).forEach((stage, i) => {
      const sorted = gaps[i]!.sort((a, b) => a - b);
      out(`| ${STAGES[i]} → ${stage} | ${pct(sorted, 0.5)} |`);
    });
    out(`\n| process | peak RSS (MB) |\n| --- | --- |`);
    for (const [name, mb] of Object.entries(peak)) out(`| ${name} | ${mb.toFixed(0)} |`);
  } finally {
    await p.stopAll();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
