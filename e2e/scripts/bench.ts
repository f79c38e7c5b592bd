#!/usr/bin/env tsx
/**
 * `npm run bench`: the platform as processes on the local Kafka, registry and Postgres under a
 * fixed offered load, after a warm-up that is not measured; end-to-end latency and throughput,
 * stage times, and CPU, RSS and database work per order of every process. Options: see HELP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apiOf } from '../support/api';
import { HELP, values } from './bench-options';
import { createChannel } from '../support/channel';
import { STOCKED } from '../support/mix';
import { buildPlatform, SERVICES, startPlatform } from '../support/platform';
import { idleCpuRows, measureCpu } from '../support/cpu';
import { dbActivity } from '../support/db-activity';
import { readRoundTrips, roundTripRows, roundTripsEnv } from '../support/round-trips';
import { infraPid, sampleRss } from '../support/rss';
import { stockUp } from '../support/stock';

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const out = (s: string) => process.stdout.write(`${s}\n`);
const pct = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
const line = [{ sku: 'SCRW-12', quantity: 1, uom: 'DZ', unitPriceMinor: 950 }];
const STAGES =
  'OrderAccepted StockReserved FulfillmentRequested ShipmentBooked ShipmentDispatched InvoiceIssued'.split(
    ' ',
  );

type Platform = Awaited<ReturnType<typeof startPlatform>>;
type Invoices = Awaited<ReturnType<Awaited<ReturnType<typeof createChannel>>['read']>>;

interface LoadResult {
  rate: number;
  accepted: number;
  failed: number;
  achieved: number;
  invoiced: number;
  sustained: number;
  latencies: number[];
  /** Per stage: median and p95, ms. */
  stages: Array<[number, number]>;
  /** ShipmentDispatched → OdooDeliveryValidated, beside the invoice path: median, p95, orders. */
  odooSync: [number, number, number];
  cpu: Record<string, number>;
  peakRss: Record<string, number>;
  /** Per service database: transactions committed and rows written (inserted, updated, deleted). */
  db: Record<string, { commits: number; rows: number }>;
  /** With --round-trips: the table of queries and requests per order. */
  roundTrips?: string[];
}

/** With --round-trips, where each service writes its counts. */
const countDir = values['round-trips'] ? mkdtempSync(join(tmpdir(), 'o2c-round-trips-')) : '';
const servicePids = (p: Platform) => Object.fromEntries(SERVICES.map((s) => [s, p.pid(s)]));
const countRoundTrips = (p: Platform) =>
  countDir ? readRoundTrips(countDir, servicePids(p)) : Promise.resolve(undefined);

const pidsOf = (p: Platform) => ({
  ...Object.fromEntries(
    (['odoo-sim', 'carrier-sim', ...SERVICES] as const).map((n) => [n, p.pid(n)]),
  ),
  kafka: infraPid('kafka'),
  registry: infraPid('registry'),
  ...(values.traces ? { zipkin: infraPid('zipkin') } : {}),
});

/** Offers `rate` orders/s for `duration` s, waits for their invoices, and measures. */
async function offer(p: Platform, invoices: Invoices, rate: number, duration: number) {
  const api = apiOf(p);
  const pids = pidsOf(p);
  const rss = sampleRss(pids);
  const cpu = measureCpu(pids);
  const dbBefore = await dbActivity(p);
  const tripsBefore = await countRoundTrips(p);
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

  // Waits while invoices keep coming; gives up after 60 s without one.
  const invoicedOf = () => {
    const first = new Map<string, number>();
    for (const m of invoices) {
      const id = (m.value as { orderId: string }).orderId;
      if (submitted.has(id) && !first.has(id)) first.set(id, m.timestamp);
    }
    return first;
  };
  let seen = 0;
  let stalledSince = Date.now();
  for (let n = invoicedOf().size; n < submitted.size; n = invoicedOf().size) {
    if (n > seen) [seen, stalledSince] = [n, Date.now()];
    if (Date.now() - stalledSince > 60_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const cpuMs = cpu.stop();
  const peakRss = rss.stop();
  const dbAfter = await dbActivity(p);
  const tripsAfter = await countRoundTrips(p);
  const db = Object.fromEntries(
    SERVICES.map((s) => [
      s,
      {
        commits: dbAfter[s]!.commits - dbBefore[s]!.commits,
        rows: dbAfter[s]!.rows - dbBefore[s]!.rows,
      },
    ]),
  );
  const firstInvoice = invoicedOf();
  const latencies = [...firstInvoice.entries()]
    .map(([id, t]) => t - submitted.get(id)!)
    .sort((a, b) => a - b);
  const lastInvoice = Math.max(...firstInvoice.values());

  // Where the time goes: median time between milestones, from a sample of order timelines.
  const gaps: number[][] = STAGES.slice(1).map(() => []);
  const odooGaps: number[] = [];
  for (const id of [...submitted.keys()].slice(0, 100)) {
    const { timeline } = (await api.order(id)) as unknown as {
      timeline: Array<{ eventType: string; occurredAt: string }>;
    };
    const at = (t: string) => timeline.find((e) => e.eventType === t)?.occurredAt;
    STAGES.slice(1).forEach((stage, i) => {
      const a = at(STAGES[i]!);
      const b = at(stage);
      if (a && b) gaps[i]!.push(Date.parse(b) - Date.parse(a));
    });
    const [dispatched, validated] = [at('ShipmentDispatched'), at('OdooDeliveryValidated')];
    if (dispatched && validated) odooGaps.push(Date.parse(validated) - Date.parse(dispatched));
  }
  odooGaps.sort((a, b) => a - b);
  return {
    rate,
    accepted: submitted.size,
    failed,
    achieved: submitted.size / offeredFor,
    invoiced: latencies.length,
    sustained: latencies.length / ((lastInvoice - start) / 1000),
    latencies,
    stages: gaps.map((g) => {
      const sorted = g.sort((a, b) => a - b);
      return [pct(sorted, 0.5), pct(sorted, 0.95)];
    }),
    odooSync: [pct(odooGaps, 0.5), pct(odooGaps, 0.95), odooGaps.length],
    cpu: cpuMs,
    peakRss,
    db,
    ...(tripsBefore && tripsAfter
      ? { roundTrips: roundTripRows(tripsBefore, tripsAfter, Math.max(1, latencies.length)) }
      : {}),
  } satisfies LoadResult;
}

function report(r: LoadResult, duration: number) {
  const l = r.latencies;
  out(`\n| measure | result |\n| --- | --- |`);
  out(
    `| offered load | ${r.rate} orders/s for ${duration} s (achieved ${r.achieved.toFixed(0)}/s accepted, ${r.failed} failed) |`,
  );
  out(`| invoiced | ${r.invoiced} of ${r.accepted} |`);
  out(`| sustained end-to-end | ${r.sustained.toFixed(1)} orders/s |`);
  out(
    `| order → invoice p50 / p95 / p99 | ${pct(l, 0.5)} / ${pct(l, 0.95)} / ${pct(l, 0.99)} ms |`,
  );
  out(`\n| stage (of up to 100 orders) | p50 ms | p95 ms |\n| --- | --- | --- |`);
  STAGES.slice(1).forEach((stage, i) =>
    out(`| ${STAGES[i]} → ${stage} | ${r.stages[i]![0]} | ${r.stages[i]![1]} |`),
  );
  // None of the sampled orders validated yet (the adapter behind): no percentile to show.
  const [odooP50, odooP95, validated] = r.odooSync.map((v) => (Number.isNaN(v) ? '–' : v));
  out(
    `| ShipmentDispatched → OdooDeliveryValidated (beside the invoice path; ${validated} orders validated when read) | ${odooP50} | ${odooP95} |`,
  );
  const orders = Math.max(1, r.invoiced);
  const total = Object.values(r.cpu).reduce((a, b) => a + b, 0);
  out(`\n| process | CPU ms per order | peak RSS (MB) |\n| --- | --- | --- |`);
  for (const [name, ms] of Object.entries(r.cpu).sort((a, b) => b[1] - a[1]))
    out(`| ${name} | ${(ms / orders).toFixed(1)} | ${r.peakRss[name]?.toFixed(0) ?? '–'} |`);
  out(`| all | ${(total / orders).toFixed(1)} | |`);
  out(`\n| service database | commits per order | rows written per order |\n| --- | --- | --- |`);
  for (const [name, { commits, rows }] of Object.entries(r.db))
    out(`| ${name} | ${(commits / orders).toFixed(1)} | ${(rows / orders).toFixed(1)} |`);
  if (r.roundTrips) out(`\n${r.roundTrips.join('\n')}`);
}

/** Keeps up (every order invoiced, end-to-end rate near the offer) within the p99 bound. */
const holds = (r: LoadResult, p99Ms: number) =>
  r.failed === 0 &&
  r.invoiced === r.accepted &&
  r.sustained >= 0.9 * r.rate &&
  pct(r.latencies, 0.99) <= p99Ms;

/**
 * Doubles the rate while it holds, then bisects between the last that held and the first that
 * did not, to within 10 %.
 */
async function findMax(p: Platform, invoices: Invoices, duration: number, p99Ms: number) {
  let [good, bad] = [0, Infinity];
  let best: LoadResult | undefined;
  for (let rate = Number(values.rate); bad - good > Math.max(1, good * 0.1);) {
    const r = await offer(p, invoices, rate, duration);
    const ok = holds(r, p99Ms);
    say(
      `${rate} orders/s: p99 ${pct(r.latencies, 0.99)} ms, sustained ${r.sustained.toFixed(1)}/s → ${ok ? 'holds' : 'does not hold'}`,
    );
    if (ok) [good, best] = [rate, r];
    else bad = rate;
    rate = bad === Infinity ? rate * 2 : Math.round((good + bad) / 2);
  }
  out(`\nhighest sustainable rate (p99 ≤ ${p99Ms} ms, keeps up): ${good} orders/s`);
  if (best) report(best, duration);
}

async function main() {
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const duration = Number(values.duration);
  const p99Ms = Number(values['p99-ms']);
  const built = !values['from-source'];
  if (built) {
    say('building the bundles…');
    await buildPlatform();
  }
  say(
    `starting the platform (five services, odoo-sim, carrier-sim) from ${built ? 'bundles' : 'source'}…`,
  );
  const counting = countDir ? roundTripsEnv(countDir) : {};
  const cpuProfileDir = values['cpu-profile'] && resolve(values['cpu-profile']);
  const p = await startPlatform({
    traces: values.traces,
    cpuProfileDir,
    built,
    env: {
      ...Object.fromEntries(SERVICES.map((s) => [s, counting])),
      'odoo-adapter': {
        ODOO_RATE_PER_SEC: '100000',
        ODOO_MAX_CONCURRENCY: '16',
        // The service's defaults (the e2e platform's are 500 and 200 ms, for its tests).
        ODOO_POLL_INTERVAL_MS: '5000',
        PURCHASE_POLL_MS: '1000',
        ...counting,
      },
      'carrier-sim': { CARRIER_SIM_PICKED_UP_AFTER_MS: '0', CARRIER_SIM_DELIVERED_AFTER_MS: '0' },
    },
  });
  try {
    await stockUp(apiOf(p), Object.fromEntries(STOCKED.map((s) => [s, 10_000_000])));
    const channel = await createChannel(p);
    const invoices = await channel.read('billing.invoices');
    if (values.idle) out(await idleCpuRows(pidsOf(p), Number(values.idle)));
    else {
      const warmup = Number(values.warmup);
      if (warmup > 0) say('warming up (not measured):');
      if (warmup > 0) await offer(p, invoices, 1, warmup);
      if (values['find-max']) await findMax(p, invoices, duration, p99Ms);
      else report(await offer(p, invoices, Number(values.rate), duration), duration);
    }
    await channel.close();
  } finally {
    await p.stopAll();
  }
  if (cpuProfileDir) say(`CPU profiles (one per process): ${cpuProfileDir}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
