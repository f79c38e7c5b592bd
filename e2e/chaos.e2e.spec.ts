import { formatTimeline, planChaos, runChaos } from './support/chaos';
import { runMixedLoad } from './support/mixed-load';
import { createOwnInfra, type OwnInfra } from './support/own-infra';
import { SERVICES, startPlatform, type Platform } from './support/platform';

const ORDERS = 300;
const t0 = Date.now();
const say = (what: string) =>
  process.stderr.write(`[chaos] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

/**
 * The small case of `npm run chaos`: a mixed run while every service is killed with SIGKILL, one
 * is frozen for 30 s, the broker and the registry are killed and restarted and the services'
 * Postgres sessions are terminated. Nothing may be lost or applied twice.
 */
describe('chaos: a mixed run through kills, a freeze, broker and registry restarts', () => {
  let infra: OwnInfra | undefined;
  let p: Platform | undefined;
  beforeAll(async () => {
    infra = await createOwnInfra();
    await infra.up(true);
    p = await startPlatform({
      infra: { brokers: infra.brokers, registryUrl: infra.registryUrl },
      env: { 'odoo-adapter': { ODOO_RATE_PER_SEC: '1000', ODOO_MAX_CONCURRENCY: '8' } },
    });
  });
  afterAll(async () => {
    await p?.stopAll();
    await infra?.down();
  });

  jest.setTimeout(1_200_000);
  it('ends with every order as its scenario says and verify clean', async () => {
    const plan = planChaos({
      killsPerService: 1,
      freezeMs: 30_000,
      brokerKills: 1,
      registryKills: 1,
      pgTerminations: 1,
      gapMs: 2_000,
      seed: 7,
    });
    const chaos = runChaos(p!, infra!, plan, (line) => say(line));
    const run = await runMixedLoad(p!, { orders: ORDERS, phase: say, disturbance: chaos.done });
    say(`fault timeline:\n${formatTimeline(chaos.timeline)}`);

    expect(chaos.timeline).toHaveLength(plan.faults.length);
    const killed = chaos.timeline.filter(
      (e) => e.fault.startsWith('kill -9 ') && !/broker|registry/.test(e.fault),
    );
    expect(new Set(killed.map((e) => e.fault)).size).toBe(SERVICES.length);
    if (run.late.length) console.log(run.summary);
    expect(run.late.map((r) => `${r.order.n} ${r.order.scenario} ${r.orderId}`)).toEqual([]);
    expect(
      run.results.filter((r) => r.order.scenario !== 'malformed' && r.httpStatus !== 201),
    ).toEqual([]);
    expect(run.verify.result.violations).toEqual([]);
    expect(run.verify.result.orders).toBe(ORDERS);
  });
});
