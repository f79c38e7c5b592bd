import { runMixedLoad } from './support/mixed-load';
import { startPlatform, type Platform } from './support/platform';

const ORDERS = 1_000;
const t0 = Date.now();
const phase = (what: string) =>
  process.stderr.write(`[mixed-run] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

describe('a mixed run of 1,000 orders', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({
      env: { 'odoo-adapter': { ODOO_RATE_PER_SEC: '1000', ODOO_MAX_CONCURRENCY: '8' } },
    });
  });
  afterAll(() => p?.stopAll());

  // Minutes on two cores: see `npm run bench` for where the time goes.
  jest.setTimeout(1_200_000);
  it('ends with every order as its scenario says, and verify passes', async () => {
    const run = await runMixedLoad(p, { orders: ORDERS, phase });
    const { results } = run;
    expect(
      results.filter((r) => r.order.scenario === 'malformed').map((r) => r.httpStatus),
    ).toEqual(results.filter((r) => r.order.scenario === 'malformed').map(() => 422));
    expect(results.filter((r) => r.order.scenario !== 'malformed' && r.httpStatus !== 201)).toEqual(
      [],
    );
    if (run.late.length) console.log(run.summary);
    expect(run.late.map((r) => `${r.order.n} ${r.order.scenario} ${r.orderId}`)).toEqual([]);
    expect(results.filter((r) => r.followUp && !/^(cancelled|returned)/.test(r.followUp))).toEqual(
      [],
    );
    expect(run.verify.result.violations).toEqual([]);
    expect(run.verify.result.orders).toBe(ORDERS);
    expect(run.verify.exitCode).toBe(0);
  });
});
