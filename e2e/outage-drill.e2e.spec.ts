import { apiOf, until, type Api } from './support/api';
import { killBroker, startBroker } from './support/broker';
import { startPlatform, type Platform } from './support/platform';
import { stockUp } from './support/stock';
import { groupsCaughtUp, runOps, verify } from './support/verify';

const line = [{ sku: 'SCRW-12', quantity: 2, uom: 'DZ', unitPriceMinor: 950 }];

/**
 * The outage drill of docs/runbooks/recover-after-outage.md: fulfillment and invoicing down, orders
 * keep coming, the broker is killed and restarted, the services come back, and the runbook's
 * steps (lag, dead letters, redrive, verify) bring every order to its end with nothing lost or doubled.
 */
describe('outage drill', () => {
  let p: Platform;
  let api: Api;
  const orders: string[] = [];
  beforeAll(async () => {
    p = await startPlatform();
    api = apiOf(p);
    await stockUp(api, { 'SCRW-12': 10_000 });
  });
  afterAll(async () => {
    await startBroker().catch(() => undefined);
    await p?.stopAll();
  });

  it('recovers every order by the runbook, and verify proves it', async () => {
    for (let i = 0; i < 5; i++) orders.push(await api.submit(line));
    for (const id of orders) await api.orderReaches(id, 'delivered');

    await p.stop('fulfillment');
    await p.stop('invoicing');
    for (let i = 0; i < 10; i++) orders.push(await api.submit(line));
    await until(async () => {
      const o = await api.order(orders.at(-1)!);
      return o.timeline.some((e) => e.eventType === 'StockReserved') ? true : undefined;
    }, 'orders keep flowing through intake and inventory');

    killBroker();
    // With the broker gone, intake still takes orders: they wait in its outbox.
    for (let i = 0; i < 5; i++) orders.push(await api.submit(line));
    await until(async () => {
      const metrics = await (await fetch(`${p.urls['order-intake']}/metrics`)).text();
      const backlog = Number(/^outbox_backlog_rows\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
      return backlog >= 5 || undefined;
    }, 'the orders waiting in the outbox');
    await startBroker();
    await p.start('fulfillment');
    await p.start('invoicing');

    // Runbook step 1: wait until every group of the platform has caught up.
    await until(() => groupsCaughtUp(p.prefix), 'every group caught up', 180_000);
    // Step 2 and 7: dead letters of this platform, redriven once the cause (the outage) is over.
    const { json: dlqs } = await runOps(['dlq', 'list']);
    const ours = (dlqs.dlqs as Array<{ topic: string; count: number }>).filter(
      (d) => d.topic.startsWith(p.prefix) && d.count > 0,
    );
    for (const d of ours) {
      const { exitCode } = await runOps(['dlq', 'redrive', d.topic, '--execute']);
      expect(exitCode).toBe(0);
    }
    for (const id of orders) await api.orderReaches(id, 'delivered', 180_000);

    // Replaying the outage window twice (step 5) must change nothing: every consumer dedupes.
    for (let i = 0; i < 2; i++) {
      const { exitCode, json } = await runOps([
        'replay',
        '--topic',
        `${p.prefix}fulfillment.shipments`,
        '--from',
        '1h',
        '--target',
        `${p.prefix}fulfillment.shipments`,
        '--execute',
      ]);
      expect(exitCode).toBe(0);
      expect(JSON.stringify(json)).toMatch(/"published":\s*[1-9]/);
    }
    await until(
      async () => {
        const { json } = await runOps(['groups', '--prefix', p.prefix]);
        const groups = json.groups as Array<{ totalLag: number }>;
        return groups.every((g) => g.totalLag === 0) ? true : undefined;
      },
      'replays consumed',
      120_000,
    );

    // Step 8: the business end state, proven.
    const outcome = await until(
      async () => {
        const v = await verify(p, 0);
        return v.result.ok ? v : undefined;
      },
      'verify clean',
      120_000,
    ).catch(() => verify(p, 0));
    expect(outcome.result.violations).toEqual([]);
    expect(outcome.result.byStatus).toEqual({ delivered: orders.length });
    expect(outcome.exitCode).toBe(0);
  });
});
