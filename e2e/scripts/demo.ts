#!/usr/bin/env tsx
/**
 * `npm run demo`: a realistic mix of orders through the platform `npm start` runs (partial stock,
 * substitutions, carrier failures, returns, a cancellation, malformed orders from REST and from a
 * channel), the stock they wait for bought from a supplier, then a summary of outcomes and the
 * invariant checker's verdict.
 */
import { apiOf } from '../support/api';
import { buildSubmitted, createChannel } from '../support/channel';
import {
  carrierRules,
  OUT_OF_STOCK,
  planMix,
  SCARCE,
  STOCKED,
  type Scenario,
} from '../support/mix';
import { odooClientOf, odooEnv } from '../support/odoo-env';
import { realOdooStock } from '../support/odoo-seed';
import { localEndpoints } from '../support/platform';
import { followUp, settle, submitMix, summarize } from '../support/run-mix';
import { restockByPurchasing } from '../support/purchase-restock';
import { stockUp } from '../support/stock';
import { runOps } from '../support/verify';

const say = (s: string) => process.stdout.write(`[demo] ${s}\n`);
const DEMO: Array<[Scenario, number]> = [
  ['happy', 12],
  ['partial', 3],
  ['substitution', 2],
  ['no-substitution', 1],
  ['carrier-retry', 2],
  ['carrier-reroute', 2],
  ['carrier-escalate', 1],
  ['return', 2],
  ['cancel', 1],
  ['malformed', 1],
];

const HELP = `Usage: npm run demo   (with npm start running)

Submits a realistic mix of orders to the running platform (partial stock, substitutions, carrier
failures, returns, a cancellation, malformed orders from REST and from a channel), buys the stock
the backorders wait for (replenishment rules, a purchase order in Odoo confirmed by the supplier
simulator, received and billed), prints the outcome of each scenario, then runs verify. With ODOO_URL set (a real Odoo, see
docs/real-odoo-run.md), stock is set there by inventory adjustments.

  -h, --help  this text`;

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h'))
    return void process.stdout.write(`${HELP}\n`);
  const p = localEndpoints;
  const env = odooEnv();
  const api = apiOf(p, { currency: env.DEMO_CURRENCY });
  // ODOO_URL set (as for `npm start`): a real Odoo, whose stock is set by inventory adjustments.
  if (env.ODOO_URL) api.setOdooStock = realOdooStock(odooClientOf(env), env.ODOO_COMPANY_ID);
  const ready = await fetch(`${p.urls['order-intake']}/readyz`).catch(() => undefined);
  if (!ready?.ok) throw new Error('the platform is not running: start it with `npm start` first');

  say('stock in Odoo: FURN-002 scarce (4), FURN-001 out (its substitute FURN-001-B in stock)');
  await stockUp(api, {
    ...Object.fromEntries(STOCKED.map((sku) => [sku, 1_000])),
    [SCARCE]: 4,
    [OUT_OF_STOCK]: 0,
  });
  await api.clearCarrierFaults();
  const plan = planMix(27, DEMO);
  for (const rule of carrierRules(plan.filter((o) => o.scenario === 'carrier-retry').length))
    await api.carrierFault(rule);
  say('carriers: dhl fails once for 1111, rejects 2222; dhl and ups both reject 3333');

  const results = await submitMix(api, plan, { concurrency: 4 });
  say(`submitted ${results.length} orders over REST`);
  const channel = await createChannel(p);
  await channel.sendRaw('demo-garbage', Buffer.from('this is not Avro'));
  const unknown = buildSubmitted({
    lines: [
      {
        lineRef: '1',
        sku: 'NOPE-404',
        quantity: 1,
        uom: 'EA',
        unitPriceMinor: 100,
        substitutionAllowed: null,
      },
    ],
  });
  await channel.submit(unknown);
  await channel.close();
  say(
    `channel: an undecodable message (→ dead letter) and ${unknown.channelOrderRef} with an unknown SKU (→ rejected)`,
  );

  await followUp(api, results, 120_000);
  say('cancelled the order waiting for stock; returned goods of delivered orders');
  say('buying FURN-002 and FURN-001 for the backorders (rules, planner, approval, PO at SUP-001)…');
  const bought = await restockByPurchasing(p, odooClientOf(env), [SCARCE, OUT_OF_STOCK], 180_000);
  for (const b of bought)
    say(
      `purchase ${b.purchaseId}: ${JSON.stringify(b.quantities)} received in Odoo, vendor bill ${b.bill}`,
    );
  say('backorders fill from the received stock');
  const late = await settle(api, results, 180_000);

  process.stdout.write('\nscenario            status      orders\n');
  for (const row of await summarize(api, results))
    process.stdout.write(`${row.scenario.padEnd(20)}${row.status.padEnd(12)}${row.count}\n`);
  if (late.length) say(`${late.length} orders did not reach their expected state in time`);
  const partial = results.find((r) => r.order.scenario === 'partial' && r.orderId);
  if (partial) {
    const rec = (await api.reconciliation(partial.orderId!)) as {
      lines?: unknown;
      totals?: unknown;
    };
    say(
      `reconciliation of a partial order ${partial.orderId}: ${JSON.stringify(rec.lines)} ${JSON.stringify(rec.totals)}`,
    );
  }
  // Odoo is the last to hear of each order: give the adapter time to catch up, then judge.
  say('verify (waiting up to 3 min for the Odoo side to catch up)…');
  let verdict = await runOps(['verify', '--grace', '0']);
  for (let waited = 0; verdict.exitCode !== 0 && waited < 180; waited += 5) {
    await new Promise((r) => setTimeout(r, 5_000));
    verdict = await runOps(['verify', '--grace', '0']);
  }
  const v = verdict.json as { ok: boolean; orders: number; violations: unknown[] };
  say(
    `verify: ${v.ok ? 'OK' : `${v.violations.length} violations`} over ${v.orders} orders (exit ${verdict.exitCode})`,
  );
  if (!v.ok) process.stdout.write(`${JSON.stringify(v.violations.slice(0, 20), null, 2)}\n`);
  process.exitCode = late.length || !v.ok ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
