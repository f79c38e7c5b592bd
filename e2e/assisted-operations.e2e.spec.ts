import { testInfra } from '@o2c/testing';
import { Client } from 'pg';
import { call, until } from './support/api';
import { buildSubmitted } from './support/channel';
import {
  startOrderToCash,
  stopOrderToCash,
  verifySettled,
  type OrderToCash,
} from './support/order-to-cash';
import { causeOf, describeGroups, triage, triageAct } from './support/triage';
import { scanTopics } from './support/topic-scan';
import { groupsCaughtUp, runOps } from './support/verify';

interface GroupLag {
  partitions: { topic: string; partition: number; committed: number }[];
}

const screws = (channelCode: string, sku = 'SCRW-12') =>
  buildSubmitted({
    channelCode,
    lines: [
      { lineRef: '1', sku, quantity: 1, uom: 'DZ', unitPriceMinor: 950, substitutionAllowed: null },
    ],
  });

/**
 * Seeded incidents on the whole platform (five services, flow-watch, the simulators, real Kafka,
 * registry and Postgres): triage finds one incident per cause with the counts the platform itself
 * shows, ranks the true cause first, proposes the action that resolves it, and once the operator
 * executed it (audited) `verify` is clean. flow-watch flags a channel gone silent.
 */
describe('assisted operations: seeded incidents, triage, the proposed action, verify', () => {
  let o: OrderToCash;
  beforeAll(async () => {
    o = await startOrderToCash({ flowWatch: true });
    await o.api.setOdooStock('SCRW-12', 2_000);
  });
  afterAll(() => stopOrderToCash(o));
  // A failed test must not leave Odoo down or a carrier failing for the next one.
  afterEach(async () => {
    await fetch(`${o.p.urls['odoo-sim']}/__sim/faults`, { method: 'DELETE' });
    await o.api.clearCarrierFaults();
  });

  it('Odoo down then back: one incident of held work, the circuit opening first, wait', async () => {
    const { p, api, odoo } = o;
    await api.odooFault({ kind: 'down' });
    const orders: string[] = [];
    for (let i = 0; i < 5; i++)
      orders.push(await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }]));
    // Fulfillment and invoicing go on without Odoo; the adapter holds what it cannot write.
    for (const id of orders) await api.orderReaches(id, 'delivered', 120_000);
    const group = `${p.prefix}odoo-adapter`;
    // What the adapter really holds, independently of triage: the events past its committed
    // offsets (Kafka's own read_committed reader) that its inbox has not recorded as handled.
    const outbound = ['sales.orders', 'fulfillment.shipments', 'billing.invoices'].map(
      (t) => p.prefix + t,
    );
    const handled = async () => {
      const client = new Client({ connectionString: p.dbs['odoo-adapter'].url });
      await client.connect();
      try {
        const { rows } = await client.query<{ event_id: string }>(
          'select event_id from inbox where consumer_group = $1',
          [group],
        );
        return new Set(rows.map((r) => r.event_id));
      } finally {
        await client.end();
      }
    };
    let last = '';
    const { run, waiting } = await until(
      async () => {
        const [seen, lags, scan, done] = await Promise.all([
          triage(p, ['--since', '15m']),
          runOps(['lag', '--group', group]),
          scanTopics(testInfra.brokers, undefined, (t) => outbound.includes(t)),
          handled(),
        ]);
        const committed = new Map(
          (lags.json.groups as GroupLag[])[0]!.partitions.map(
            (x) => [`${x.topic}/${x.partition}`, Math.max(0, x.committed)] as const,
          ),
        );
        const behind = scan.places.filter(
          (m) =>
            m.offset >= (committed.get(`${m.topic}/${m.partition}`) ?? 0) &&
            !(m.eventId && done.has(m.eventId)),
        ).length;
        const held = seen.groups
          .filter((g) => g.pattern.source === 'held' && g.pattern.service === 'odoo-adapter')
          .reduce((n, g) => n + g.count, 0);
        const cause = causeOf(seen, 'CIRCUIT_OPENED');
        last = `held ${held} (${cause?.count} in the circuit's incident) vs ${behind} events past the committed offsets not handled`;
        return cause && held === behind ? { run: seen, waiting: behind } : undefined;
      },
      'the held work counted as the adapter holds it',
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${last}`);
    });
    const cause = causeOf(run, 'CIRCUIT_OPENED')!;
    if (cause.count !== waiting)
      console.log(`${waiting} held; the groups:\n${describeGroups(run)}`);
    expect(run.causes[0]).toBe(cause);
    expect(cause.signal).toMatchObject({ subject: 'odoo', service: 'odoo-adapter' });
    expect(cause.count).toBe(waiting);
    expect(cause.orderIds).toEqual(expect.arrayContaining(orders));
    const groups = run.groups.filter((g) => cause.signatures.includes(g.signature));
    for (const g of groups) {
      expect(g.pattern).toMatchObject({ source: 'held', service: 'odoo-adapter' });
      expect(g.changes[0]!.signal.kind).toBe('CIRCUIT_OPENED');
      expect(g.proposal.kind).toBe('WAIT_AND_REDRIVE');
      expect(g.proposal.command).toBe(`o2c-ops lag --group ${group}`);
    }
    expect(groups.map((g) => g.pattern.topic).sort()).toContain('sales.orders');

    // The operator takes the proposal (wait: audited, nothing redriven); then Odoo comes back.
    for (const g of groups) {
      const acted = await triageAct(p, g.signature, ['--since', '15m', '--execute']);
      expect(acted.exitCode).toBe(0);
      expect(acted.json).toMatchObject({ executed: true, audit: { result: 'ok' }, runs: [] });
    }
    await fetch(`${p.urls['odoo-sim']}/__sim/faults`, { method: 'DELETE' });
    await until(() => groupsCaughtUp(p.prefix), 'every group caught up', 120_000);
    // A CI run once saw one held message (seen once) after the groups first looked caught up:
    // wait for the held work to clear, as it must, rather than read it once.
    const after = await until(
      async () => {
        const { groups } = await triage(p, ['--since', '15m']);
        const held = groups.filter((g) => g.pattern.source === 'held');
        return held.length === 0 ? held : undefined;
      },
      'no held work',
      120_000,
    );
    expect(after).toEqual([]);
    for (const id of orders) expect(await odoo.saleOrders(id)).toHaveLength(1);
    const { result } = await verifySettled(p);
    expect(result.violations).toEqual([]);
  });

  it('a bad product code from one channel: one group confined to it, escalated; mapped, resubmitted', async () => {
    const { p, api, channel } = o;
    const bad = Array.from({ length: 4 }, () => screws('marketplace', 'MKT-SCREW-12'));
    const good = Array.from({ length: 2 }, () => screws('webshop'));
    for (const order of [...bad, ...good]) await channel.submit(order);
    const run = await until(
      async () => {
        const seen = await triage(p, ['--since', '15m']);
        const g = seen.groups.find((x) => x.pattern.errorClass === 'UNKNOWN_SKU');
        return g && g.count === bad.length ? seen : undefined;
      },
      'the rejections grouped',
      60_000,
    );
    const rejected = run.groups.filter((g) => g.pattern.source === 'order-rejection');
    expect(rejected).toHaveLength(1);
    const [g] = rejected;
    expect(g!.channels).toEqual({ marketplace: 4 });
    expect(g!.proposal.kind).toBe('ESCALATE');
    const acted = await triageAct(p, g!.signature, [
      '--since',
      '15m',
      '--note',
      'marketplace sends its own code MKT-SCREW-12: alias added, orders resubmitted',
      '--execute',
    ]);
    expect(acted.json).toMatchObject({ executed: true, audit: { result: 'ok' } });
    // The fix the escalation leads to: the channel's code mapped, its orders sent again.
    const alias = await call(
      `${p.urls['order-intake']}/channels/marketplace/aliases/sku/MKT-SCREW-12`,
      'PUT',
      { target: 'SCRW-12' },
    );
    expect(alias.status).toBeLessThan(300);
    for (const order of bad) await channel.submit(order);
    await until(async () => {
      const statuses = Object.values(await api.statuses());
      const accepted = statuses.filter((s) => s.status !== 'rejected').length;
      return accepted >= 5 + good.length + bad.length ? true : undefined;
    }, 'the resubmitted orders accepted');
    const { result } = await verifySettled(p);
    expect(result.violations).toEqual([]);
  });

  it('a carrier failing: the carrier ranked first, the bookings rerouted, escalated', async () => {
    const { p, api } = o;
    await api.carrierFault({ carrier: 'dhl', mode: 'unavailable', match: { postalCode: '4444' } });
    const orders: string[] = [];
    for (let i = 0; i < 3; i++)
      orders.push(
        await api.submit([{ sku: 'SCRW-12', quantity: 1, uom: 'DZ' }], { postalCode: '4444' }),
      );
    for (const id of orders) await api.orderReaches(id, 'delivered', 120_000);
    await api.clearCarrierFaults();
    const run = await triage(p, ['--since', '15m']);
    const carrier = run.groups.filter((g) => g.pattern.errorClass === 'CARRIER_UNAVAILABLE');
    expect(carrier).toHaveLength(1);
    const [g] = carrier;
    expect(g!.count).toBe(orders.length);
    expect([...g!.orderIds].sort()).toEqual([...orders].sort());
    expect(g!.changes[0]!.signal).toMatchObject({
      kind: 'CARRIER_UNREACHABLE',
      subject: 'carrier:dhl',
    });
    expect(g!.proposal.kind).toBe('ESCALATE');
    const acted = await triageAct(p, g!.signature, ['--since', '15m', '--execute']);
    expect(acted.json).toMatchObject({ executed: true, audit: { result: 'ok' } });
    const { result } = await verifySettled(p);
    expect(result.violations).toEqual([]);
  });

  it('a channel going silent: flow-watch flags it within its window and clears it on return', async () => {
    const { p, channel } = o;
    const anomalies = await channel.read('ops.anomalies');
    const send = (channels: string[]) =>
      Promise.all(channels.map((c) => channel.submit(screws(c))));
    let ticks = 0;
    // Two channels new to flow-watch: edi every 600 ms (about 17 orders per 10 s window), portal
    // every other tick.
    const tick = (channels: string[]) =>
      Promise.all([
        send(channels.filter((c) => c === 'edi' || ticks % 2 === 0)),
        new Promise((r) => setTimeout(r, 600)),
      ]).then(() => (ticks += 1));
    // 40 s of both: the recent windows flow-watch learns from.
    const learnt = Date.now() + 40_000;
    while (Date.now() < learnt) await tick(['edi', 'portal']);
    const silentSince = Date.now();
    const isOf = (type: string, key: string) => (a: (typeof anomalies)[number]) =>
      a.type === type && (a.value as { seriesKey?: string }).seriesKey === key;
    const detected = await until(
      async () => {
        await tick(['portal']);
        return anomalies.find(isOf('FlowAnomalyDetected', 'orders_per_channel:edi'));
      },
      'edi flagged silent',
      60_000,
    );
    const found = detected.value as { direction: string; detectedAt: number; expected: number };
    expect(found.direction).toBe('LOW');
    expect(found.expected).toBeGreaterThan(10);
    // Window (10 s) + lateness (2 s) + a bucket (2 s), and one window of catching up at most.
    expect(found.detectedAt - silentSince).toBeLessThan(26_000);
    const metrics = await (await fetch(`${p.urls['flow-watch']}/metrics`)).text();
    expect(metrics).toMatch(
      /o2c_flow_anomaly_open\{[^}]*series="orders_per_channel",subject="edi"[^}]*\} 1/,
    );
    const open = await call(`${p.urls['flow-watch']}/anomalies?state=open`);
    expect(JSON.stringify(open.body)).toContain('orders_per_channel:edi');
    await until(
      async () => {
        await tick(['edi', 'portal']);
        return anomalies.some(isOf('FlowAnomalyCleared', 'orders_per_channel:edi'))
          ? true
          : undefined;
      },
      'edi cleared once it sends again',
      60_000,
    );
    const portal = anomalies.filter(
      (a) => (a.value as { seriesKey?: string }).seriesKey === 'orders_per_channel:portal',
    );
    expect(portal).toEqual([]);
    // Those orders go on to Odoo: a cap, not a timing (the platform drains at its own pace).
    await until(() => groupsCaughtUp(p.prefix), 'every group caught up', 600_000);
    const { result } = await verifySettled(p);
    expect(result.violations).toEqual([]);
    // A cap for the ~170 orders to reach Odoo, not a timing.
  }, 900_000);
});
