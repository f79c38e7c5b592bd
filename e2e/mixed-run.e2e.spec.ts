import { apiOf, until, type Api } from './support/api';
import { carrierRules, OUT_OF_STOCK, planMix, SCARCE, STOCKED } from './support/mix';
import { startPlatform, type Platform } from './support/platform';
import { followUp, settle, submitMix, summarize } from './support/run-mix';
import { restock, stockUp } from './support/stock';
import { verify } from './support/verify';

const ORDERS = 1_000;
const t0 = Date.now();
const phase = (what: string) =>
  process.stderr.write(`[mixed-run] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

describe('a mixed run of 1,000 orders', () => {
  let p: Platform;
  let api: Api;
  beforeAll(async () => {
    p = await startPlatform({
      env: { 'odoo-adapter': { ODOO_RATE_PER_SEC: '1000', ODOO_MAX_CONCURRENCY: '8' } },
    });
    api = apiOf(p);
  });
  afterAll(() => p?.stopAll());

  // Minutes on two cores: see `npm run bench` for where the time goes.
  jest.setTimeout(900_000);
  it('ends with every order as its scenario says, and verify passes', async () => {
    const plan = planMix(ORDERS);
    await stockUp(api, {
      ...Object.fromEntries(STOCKED.map((sku) => [sku, 100_000])),
      [SCARCE]: 100,
      [OUT_OF_STOCK]: 0,
    });
    const retries = plan.filter((o) => o.scenario === 'carrier-retry').length;
    for (const rule of carrierRules(retries)) await api.carrierFault(rule);

    phase('stocked; submitting');
    const results = await submitMix(api, plan, { concurrency: 8 });
    phase('submitted');
    expect(
      results.filter((r) => r.order.scenario === 'malformed').map((r) => r.httpStatus),
    ).toEqual(plan.filter((o) => o.scenario === 'malformed').map(() => 422));
    expect(results.filter((r) => r.order.scenario !== 'malformed' && r.httpStatus !== 201)).toEqual(
      [],
    );

    await followUp(api, results, 240_000);
    phase('cancels and returns done');
    // Stock arrives for what waits: the backorders fill and ship.
    await restock(api, { [SCARCE]: 1_000, [OUT_OF_STOCK]: 1_000 });
    const late = await settle(api, results, 300_000);
    phase(`settled (${late.length} late)`);
    if (late.length) console.log(await summarize(api, results));
    expect(late.map((r) => `${r.order.n} ${r.order.scenario} ${r.orderId}`)).toEqual([]);
    expect(results.filter((r) => r.followUp && !/^(cancelled|returned)/.test(r.followUp))).toEqual(
      [],
    );

    // Invoices reach Odoo through the adapter a little after the orders settle.
    const outcome = await until(
      async () => {
        const v = await verify(p, 0);
        return v.result.ok ? v : undefined;
      },
      'verify clean',
      180_000,
    ).catch(() => verify(p, 0));
    expect(outcome.result.violations).toEqual([]);
    expect(outcome.result.orders).toBe(ORDERS);
    expect(outcome.exitCode).toBe(0);
  });
});
