import { createLegacyWriter, type LegacyFaults, type LegacyWriter } from '@o2c/testing';
import { until } from './support/api';
import {
  startOrderToCash,
  stopOrderToCash,
  verifySettled,
  type OrderToCash,
} from './support/order-to-cash';
import { opsEnvOf } from './support/triage';
import { runOps } from './support/verify';

interface Divergence {
  orderId: string;
  flow: string;
  kind: string;
}
interface ShadowReport {
  channels: Array<{
    channelCode: string;
    flows: Array<{ flow: string; compared: number; pending: number }>;
    divergences: Divergence[];
  }>;
}

const LINE = { sku: 'SCRW-12', quantity: 1, uom: 'DZ', unitPriceMinor: 950 };
/** The adapter's and o2c-ops' view of a channel without a cutover: shadow. */
const SHADOW_DEFAULT = { ODOO_WRITE_MODE_DEFAULT: 'shadow' };

/**
 * Adopting the platform beside the integration it replaces (docs/runbooks/migrate-to-the-platform.md):
 * every channel starts in shadow mode while a simulated old integration writes Odoo; the adapter
 * writes nothing and finds exactly the divergences injected into the old path; then one channel
 * is cut over mid-run and rolled back with nothing lost or doubled, and `verify` is clean.
 */
describe('migration: shadow run beside the old integration, cutover and rollback per channel', () => {
  let o: OrderToCash;
  let legacy: LegacyWriter;
  let env: Record<string, string>;
  beforeAll(async () => {
    o = await startOrderToCash({
      env: {
        'odoo-adapter': { ...SHADOW_DEFAULT, SHADOW_SETTLE_MS: '30000', SHADOW_RECHECK_MS: '500' },
      },
    });
    await o.api.setOdooStock('SCRW-12', 2_000);
    legacy = createLegacyWriter(o.odoo.odoo);
    env = { ...opsEnvOf(o.p), ...SHADOW_DEFAULT };
  });
  afterAll(() => stopOrderToCash(o));

  const ops = (args: string[]) => runOps(args, env);
  /** An order through the platform's API and, unless the channel is cut over, the old path. */
  async function submit(channel: string, faults?: LegacyFaults) {
    const ref = `${channel.toUpperCase()}-${Math.random().toString(36).slice(2, 10)}`;
    const orderId = await o.api.submit([LINE], { channel, ref });
    if (faults) await legacy.writeOrder(legacyOrderOf(ref), faults);
    return { orderId, ref, faults };
  }
  const legacyOrderOf = (ref: string) => ({
    channelOrderRef: ref,
    customerId: 'CUST-001',
    lines: [{ sku: LINE.sku, quantity: LINE.quantity, unitPriceMinor: LINE.unitPriceMinor }],
  });
  /** The old integration delivers and invoices what the platform shipped (unless it skipped). */
  async function legacyCompletes(order: { ref: string; orderId: string }, post = true) {
    await o.api.orderReaches(order.orderId, 'delivered', 120_000);
    await legacy.validateDelivery(order.ref);
    await legacy.invoice(order.ref, { post });
  }
  const ours = async (orderId: string) => (await o.odoo.saleOrders(orderId)).length;
  const shadowReport = async () =>
    (await ops(['shadow', 'report'])).json as unknown as ShadowReport;

  it('shadow: Odoo stays the old path, and exactly the injected divergences are found', async () => {
    const exact = [await submit('webshop', {}), await submit('marketplace', {})];
    const skipped = await submit('webshop', { skip: true });
    const quantity = await submit('webshop', { quantity: { 'SCRW-12': 2 } });
    const price = await submit('marketplace', { priceUnit: { 'SCRW-12': 12.5 } });
    const unposted = await submit('marketplace', {});
    for (const order of [...exact, quantity, price]) await legacyCompletes(order);
    await legacyCompletes(unposted, false);
    await o.api.orderReaches(skipped.orderId, 'delivered', 120_000);
    const all = [...exact, skipped, quantity, price, unposted];

    // Every comparison settled (matched, or diverged once the settle time passed).
    const report = await until(
      async () => {
        const r = await shadowReport();
        const flows = r.channels.flatMap((c) => c.flows);
        const settled = (flow: string) =>
          flows.filter((f) => f.flow === flow).reduce((n, f) => n + f.compared, 0) === all.length;
        const pending = flows.reduce((n, f) => n + f.pending, 0);
        return pending === 0 && ['SALE_ORDER', 'DELIVERY', 'INVOICE'].every(settled)
          ? r
          : undefined;
      },
      'every shadow comparison settled',
      180_000,
    );
    const found = report.channels
      .flatMap((c) => c.divergences.map((d) => `${c.channelCode} ${d.orderId} ${d.flow} ${d.kind}`))
      .sort();
    expect(found).toEqual(
      [
        `webshop ${skipped.orderId} SALE_ORDER SALE_ORDER_MISSING`,
        `webshop ${skipped.orderId} DELIVERY SALE_ORDER_MISSING`,
        `webshop ${skipped.orderId} INVOICE SALE_ORDER_MISSING`,
        `webshop ${quantity.orderId} SALE_ORDER QUANTITY_DIFFERS`,
        `webshop ${quantity.orderId} INVOICE AMOUNT_DIFFERS`,
        `marketplace ${price.orderId} SALE_ORDER PRICE_DIFFERS`,
        `marketplace ${price.orderId} INVOICE AMOUNT_DIFFERS`,
        `marketplace ${unposted.orderId} INVOICE INVOICE_NOT_POSTED`,
      ].sort(),
    );
    // The adapter wrote nothing: no sale order of ours, only the old path's.
    for (const order of all) expect(await ours(order.orderId)).toBe(0);
    const refs = all.filter((x) => !x.faults?.skip).map((x) => x.ref);
    expect(await legacy.saleOrderIds(refs)).toHaveLength(refs.length);
  });

  it('cutover of one channel mid-run, then rollback: each order written once, by one side', async () => {
    const dry = await ops(['cutover', 'webshop', '--to', 'live']);
    expect(dry.json).toMatchObject({ executed: false, plan: { from: 'shadow', to: 'live' } });
    const cut = await ops(['cutover', 'webshop', '--to', 'live', '--reason', 'e2e', '--execute']);
    expect(cut).toMatchObject({ exitCode: 0, json: { executed: true, audit: { result: 'ok' } } });

    // The old integration stopped taking webshop orders; marketplace stays with it. Odoo refuses
    // to validate deliveries for a while, so the live orders are still in flight at the rollback.
    await o.api.odooFault({ kind: 'http_500', model: 'stock.picking', method: 'button_validate' });
    const live = [await submit('webshop'), await submit('webshop')];
    const shadowed = await submit('marketplace', {});
    for (const order of live)
      await until(
        async () => (await ours(order.orderId)) === 1 || undefined,
        `${order.orderId} written by the platform`,
        120_000,
      );

    // Rollback mid-run: the live orders finish live; new ones go back to the old path.
    const back = await ops([
      'cutover',
      'webshop',
      '--to',
      'shadow',
      '--reason',
      'rollback',
      '--execute',
    ]);
    expect(back).toMatchObject({ exitCode: 0, json: { executed: true } });
    expect(back.json).toMatchObject({ state: { inFlight: { live: live.length } } });
    const after = await submit('webshop', {});
    await fetch(`${o.p.urls['odoo-sim']}/__sim/faults`, { method: 'DELETE' });
    await legacyCompletes(shadowed);
    await legacyCompletes(after);
    for (const order of live) await o.api.orderReaches(order.orderId, 'delivered', 120_000);

    await until(
      async () => {
        for (const order of live) {
          const [so] = await o.odoo.saleOrders(order.orderId);
          const posted = so && (await o.odoo.invoices(so.name)).filter((i) => i.state === 'posted');
          if (posted?.length !== 1) return undefined;
        }
        return true;
      },
      'the live orders invoiced in Odoo by the platform',
      120_000,
    );
    for (const order of live) expect(await legacy.saleOrderIds([order.ref])).toEqual([]);
    for (const order of [shadowed, after]) {
      expect(await ours(order.orderId)).toBe(0);
      expect(await legacy.saleOrderIds([order.ref])).toHaveLength(1);
    }
    const { result } = await verifySettled(o.p);
    expect(result.violations).toEqual([]);
  });
});
