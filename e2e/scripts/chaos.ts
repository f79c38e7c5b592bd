#!/usr/bin/env tsx
/**
 * `npm run chaos`: a mixed run of many orders on a broker and registry of its own (fresh, on free
 * ports, purged afterwards) while a driver kill -9s every service several times, freezes one for
 * 30 s, kill -9s the broker and the registry and terminates the services' Postgres sessions. Ends
 * with `verify` and prints the fault timeline. Exit 1 when an order is lost, late or applied twice.
 */
import { parseArgs } from 'node:util';
import { formatTimeline, planChaos, runChaos, type ChaosPlan } from '../support/chaos';
import { runMixedLoad } from '../support/mixed-load';
import { createOwnInfra } from '../support/own-infra';
import { startPlatform } from '../support/platform';

const HELP = `Usage: npm run chaos -- [options]

  --orders <n>        orders in the mixed run (default 10000)
  --kills <n>         kill -9s of each service (default 3)
  --freeze <s>        one service frozen with SIGSTOP for this long (default 30)
  --broker-kills <n>  kill -9 and restart of the broker (default 2)
  --registry-kills <n> kill -9 and restart of the registry (default 2)
  --pg <n>            terminations of the services' Postgres sessions (default 3)
  --gap <s>           seconds between faults (default 20)
  --seed <n>          shuffles the faults; the same seed gives the same order (default 1)
  --concurrency <n>   orders submitted at once (default 16)
  --dry-run           print the fault plan and exit
  -h, --help          this text`;

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    kills: { type: 'string', default: '3' },
    freeze: { type: 'string', default: '30' },
    'broker-kills': { type: 'string', default: '2' },
    'registry-kills': { type: 'string', default: '2' },
    pg: { type: 'string', default: '3' },
    gap: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function count(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number, got '${String(values[name])}'\n`);
    process.exit(2);
  }
  return n;
}

const t0 = Date.now();
const say = (s: string) =>
  process.stderr.write(`[chaos] ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${s}\n`);

function describePlan(plan: ChaosPlan): string {
  return plan.faults
    .map(
      (f, i) => `${String(i + 1).padStart(3)}. ${f.kind}${'service' in f ? ` ${f.service}` : ''}`,
    )
    .join('\n');
}

async function main() {
  if (values.help) return void console.log(HELP);
  const orders = count('orders');
  const plan = planChaos({
    killsPerService: count('kills'),
    freezeMs: count('freeze') * 1000,
    brokerKills: count('broker-kills'),
    registryKills: count('registry-kills'),
    pgTerminations: count('pg'),
    gapMs: count('gap') * 1000,
    seed: count('seed'),
  });
  say(`${orders} orders, ${plan.faults.length} faults ${plan.gapMs / 1000} s apart:`);
  process.stderr.write(`${describePlan(plan)}\n`);
  if (values['dry-run']) return;

  const infra = await createOwnInfra();
  let failed = true;
  try {
    say('starting a broker and a registry of our own from empty data…');
    await infra.up(true);
    const p = await startPlatform({
      infra: { brokers: infra.brokers, registryUrl: infra.registryUrl },
      env: { 'odoo-adapter': { ODOO_RATE_PER_SEC: '1000', ODOO_MAX_CONCURRENCY: '8' } },
    });
    try {
      const chaos = runChaos(p, infra, plan, say);
      const run = await runMixedLoad(p, {
        orders,
        concurrency: count('concurrency'),
        phase: say,
        disturbance: chaos.done,
      });
      const refused = run.results.filter(
        (r) => r.order.scenario !== 'malformed' && r.httpStatus !== 201,
      );
      console.log(
        `\nfault timeline (${chaos.timeline.length} faults):\n${formatTimeline(chaos.timeline)}`,
      );
      console.log(`\n${JSON.stringify(run.summary, null, 2)}`);
      console.log(
        `\norders: ${orders}, refused: ${refused.length}, late: ${run.late.length}, verify: ${
          run.verify.result.ok ? 'clean' : `${run.verify.result.violations.length} violations`
        } over ${run.verify.result.orders} orders, wall time ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
      for (const v of run.verify.result.violations.slice(0, 20))
        console.log(`  ${JSON.stringify(v)}`);
      failed = refused.length > 0 || run.late.length > 0 || !run.verify.result.ok;
    } finally {
      await p.stopAll();
    }
  } finally {
    await infra.down();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `chaos run failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
