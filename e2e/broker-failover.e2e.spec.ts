import { apiOf, until } from './support/api';
import { runMixedLoad } from './support/mixed-load';
import { createOwnInfra, type OwnInfra } from './support/own-infra';
import { SERVICES, startPlatform, type Platform } from './support/platform';
import { scanTopics } from './support/topic-scan';

const ORDERS = 200;
const t0 = Date.now();
const say = (what: string) =>
  process.stderr.write(`[failover] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);

/**
 * A three-node KRaft cluster (replication factor 3, min.insync.replicas 2): one broker is killed
 * with SIGKILL while orders flow and started again once more orders went through on the other
 * two. The services are never restarted; nothing is lost or published twice.
 */
describe('three brokers: one killed mid-run and brought back', () => {
  let infra: OwnInfra | undefined;
  let p: Platform | undefined;
  beforeAll(async () => {
    infra = await createOwnInfra({ nodes: 3 });
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

  jest.setTimeout(900_000);
  it('loses nothing, duplicates nothing, and the services carry on', async () => {
    const api = apiOf(p!);
    const pids = SERVICES.map((s) => p!.pid(s));
    // Progress counted downstream (delivered orders), so the broker dies while events flow
    // between every service, not only while orders come in.
    const delivered = async () =>
      Object.values(await api.statuses()).filter((o) => o.status === 'delivered').length;
    const step = ORDERS / 5;
    const window = { from: 0, to: 0 };
    const failover = (async () => {
      await until(
        async () => (await delivered()) >= step || undefined,
        'orders delivered',
        300_000,
      );
      window.from = Date.now();
      say(`kill -9 broker 2 (pid ${infra!.kill(2)})`);
      const before = await delivered();
      await until(
        async () => (await delivered()) >= before + step || undefined,
        'orders delivered on two brokers',
        300_000,
      );
      say(
        `${(await delivered()) - before} orders delivered on two brokers; starting broker 2 again`,
      );
      say((await infra!.up()).trim());
      window.to = Date.now();
    })();
    const run = await runMixedLoad(p!, { orders: ORDERS, phase: say, disturbance: failover });

    const scan = await scanTopics(infra!.brokers, window);
    say(
      `${scan.events} events, ${scan.duplicates.length} duplicated, longest stall ${scan.longestStallMs} ms`,
    );
    expect(SERVICES.map((s) => p!.pid(s))).toEqual(pids);
    expect(run.late.map((r) => `${r.order.n} ${r.order.scenario} ${r.orderId}`)).toEqual([]);
    expect(run.verify.result.violations).toEqual([]);
    expect(run.verify.result.orders).toBe(ORDERS);
    expect(scan.duplicates).toEqual([]);
    expect(scan.events).toBeGreaterThan(ORDERS);
  });
});
