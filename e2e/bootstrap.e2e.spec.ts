import { createLegacyWriter, type LegacyWriter } from '@o2c/testing';
import { call, until } from './support/api';
import {
  startOrderToCash,
  stopOrderToCash,
  verifySettled,
  type OrderToCash,
} from './support/order-to-cash';
import { opsEnvOf } from './support/triage';
import { runOps } from './support/verify';

interface SimCall {
  model?: string;
  modelMethod?: string;
}
interface BootstrapRun {
  executed: boolean;
  plan: {
    toImport: number;
    byState: Record<string, number>;
    skipped: Record<string, number>;
    unmappable: Array<{ saleOrder: string; code: string }>;
  };
  results?: Array<{
    channelOrderRef: string;
    outcome: string;
    orderId: string | null;
    reasons: unknown[];
  }>;
}

/** Odoo methods that only read: anything else the simulator answers is a write. */
const READS = new Set([
  'search_read',
  'read',
  'search',
  'search_count',
  'fields_get',
  'name_search',
  'read_group',
  'check_access_rights',
  'has_group',
]);

/**
 * Adopting the platform on an Odoo that already has work in it (docs/runbooks/migrate-to-the-platform.md,
 * step 1): an older integration left sale orders in every state; `o2c-ops bootstrap` imports the
 * open ones as platform orders in the state Odoo holds them, lists what it cannot map, writes
 * nothing to Odoo, imports nothing twice, and `verify` is clean afterwards.
 */
describe('bootstrap: importing the open sale orders an older integration left in Odoo', () => {
  let o: OrderToCash;
  let legacy: LegacyWriter;
  const refs: Record<string, string> = {};
  let names: Record<string, string> = {};
  let importedIds: Record<string, string | null> = {};
  beforeAll(async () => {
    o = await startOrderToCash();
    await o.api.setOdooStock('SCRW-12', 500);
    legacy = createLegacyWriter(o.odoo.odoo);
  });
  afterAll(() => stopOrderToCash(o));

  const ops = async (args: string[]) => {
    const run = await runOps(
      ['bootstrap', '--order-intake-url', o.p.urls['order-intake'], ...args],
      {
        ...opsEnvOf(o.p),
        O2C_ENV: 'development',
        ODOO_URL: o.p.urls['odoo-sim'],
      },
    );
    return { exitCode: run.exitCode, json: run.json as unknown as BootstrapRun };
  };
  const write = async (name: string, lines: Array<[string, number, number]>) => {
    const ref = `LEG-${name}-${Math.random().toString(36).slice(2, 8)}`;
    refs[name] = ref;
    await legacy.writeOrder({
      channelOrderRef: ref,
      customerId: 'CUST-001',
      currency: 'EUR',
      lines: lines.map(([sku, quantity, unitPriceMinor]) => ({ sku, quantity, unitPriceMinor })),
    });
    return ref;
  };
  const saleOrderName = async (ref: string) => {
    const [so] = await o.odoo.odoo.searchRead('sale.order', [['client_order_ref', '=', ref]], {
      fields: ['name'],
    });
    return String(so!.name);
  };
  const reserved = async (sku: string) => {
    const { positions } = (await o.api.availability(sku)) as {
      positions: Array<{ reserved: number }>;
    };
    return positions[0]?.reserved;
  };
  const odooWrites = async () => {
    const res = await call(`${o.p.urls['odoo-sim']}/__sim/calls`, 'GET');
    const { calls } = res.body as { calls: SimCall[] };
    return calls.filter((c) => c.model && !READS.has(c.modelMethod ?? '')).length;
  };

  it('imports every open order in its state, skips or lists the rest, and writes nothing to Odoo', async () => {
    // The old integration's Odoo: one sale order in each state.
    await write('open', [['FURN-001', 3, 10_000]]);
    await write('withdrawn', [['FURN-001', 1, 10_000]]);
    await write('partial', [
      ['SCRW-12', 4, 950],
      ['FURN-001', 2, 10_000],
    ]);
    await legacy.validateDelivery(refs.partial!, { 'SCRW-12': 1 });
    await write('delivered', [['FURN-001', 1, 10_000]]);
    await legacy.validateDelivery(refs.delivered!);
    await write('invoiced', [['FURN-001', 2, 10_000]]);
    await legacy.validateDelivery(refs.invoiced!);
    await legacy.invoice(refs.invoiced!);
    await write('paid', [['SCRW-12', 1, 950]]);
    await legacy.validateDelivery(refs.paid!);
    const paidInvoice = await legacy.invoice(refs.paid!);
    const [paid] = await o.odoo.odoo.read('account.move', [paidInvoice], ['amount_total']);
    await call(`${o.p.urls['odoo-sim']}/__sim/payments`, 'POST', {
      invoiceId: paidInvoice,
      amount: paid!.amount_total,
    });
    await write('cancelled', [['FURN-001', 1, 10_000]]);
    await legacy.cancel(refs.cancelled!);
    await write('draft-invoice', [['FURN-001', 1, 10_000]]);
    await legacy.validateDelivery(refs['draft-invoice']!);
    await legacy.invoice(refs['draft-invoice']!, { post: false });
    const partner = (
      await o.odoo.odoo.searchRead('res.partner', [['ref', '=', 'CUST-001']], {
        fields: ['id'],
      })
    )[0]!.id;
    await o.odoo.odoo.create('sale.order', { partner_id: partner, client_order_ref: 'LEG-quote' });
    const uncoded = await o.odoo.odoo.create('product.product', { name: 'Sample without a code' });
    const noCode = await o.odoo.odoo.create('sale.order', {
      partner_id: partner,
      order_line: [[0, 0, { product_id: uncoded, product_uom_qty: 1, price_unit: 5 }]],
    });
    await o.odoo.odoo.call('sale.order', 'action_confirm', { ids: [noCode] });
    names = Object.fromEntries(
      await Promise.all(
        Object.entries(refs).map(async ([k, ref]) => [k, await saleOrderName(ref)]),
      ),
    ) as Record<string, string>;
    const writesBefore = await odooWrites();

    // Dry run: the plan, nothing imported.
    const dry = await ops([]);
    expect(dry.exitCode).toBe(0);
    expect(dry.json.executed).toBe(false);
    expect(dry.json.plan).toMatchObject({
      toImport: 5,
      byState: { IMPORTED: 4, COMPLETED: 1 },
      skipped: { QUOTATION: 1, CANCELLED: 1, CLOSED: 1 },
    });
    expect(dry.json.plan.unmappable.map((u) => `${u.saleOrder} ${u.code}`).sort()).toEqual(
      [
        `${names['draft-invoice']} DRAFT_INVOICE`,
        expect.stringMatching(/ NO_PRODUCT_CODE$/),
      ].sort(),
    );
    expect(Object.values(await o.api.statuses()).filter((x) => x.status === 'imported')).toEqual(
      [],
    );

    // Execute: the four open orders imported; exit 1 because two could not be mapped.
    const run = await ops(['--execute', '--reason', 'e2e']);
    expect(run.exitCode).toBe(1);
    const outcomes = (r: BootstrapRun) =>
      r
        .results!.map((x) => `${x.channelOrderRef} ${x.outcome} ${JSON.stringify(x.reasons)}`)
        .sort();
    const open = [names.open, names.withdrawn, names.partial, names.delivered, names.invoiced];
    // The paid order (closed) and the cancelled one are sent only to refresh or cancel them had
    // they been imported while open.
    const notImported = [`${names.paid} skipped []`, `${names.cancelled} skipped []`];
    expect(outcomes(run.json)).toEqual(
      [...open.map((n) => `${n} imported []`), ...notImported].sort(),
    );
    // Again: nothing new, nothing changed (idempotent, resumable).
    const again = await ops(['--execute', '--reason', 'e2e again']);
    expect(outcomes(again.json)).toEqual(
      [...open.map((n) => `${n} duplicate []`), ...notImported].sort(),
    );

    // Every service took the state; verify is clean; Odoo was only read.
    const { result } = await verifySettled(o.p);
    expect(result.violations).toEqual([]);
    expect(result.byStatus.imported).toBe(5);
    // The stock Odoo has not delivered yet is held: FURN-001 3 (open) + 1 (withdrawn) + 2 (partial).
    expect(await reserved('FURN-001')).toBe(6);
    expect(await odooWrites()).toBe(writesBefore);
    importedIds = Object.fromEntries(run.json.results!.map((r) => [r.channelOrderRef, r.orderId]));
  });

  it('run again once the old path moved the orders on: refreshed or cancelled, stock released, payment matched', async () => {
    await legacy.validateDelivery(refs.open!);
    await legacy.validateDelivery(refs.partial!);
    await legacy.invoice(refs.delivered!);
    await legacy.cancel(refs.withdrawn!);
    const [invoice] = await o.odoo.invoices(names.invoiced!);
    await call(`${o.p.urls['odoo-sim']}/__sim/payments`, 'POST', {
      invoiceId: invoice!.id,
      amount: invoice!.amount_total,
    });
    const writesBefore = await odooWrites();

    const run = await ops(['--execute', '--reason', 'e2e refresh']);
    const outcome = (name: string | undefined) =>
      run.json.results!.find((r) => r.channelOrderRef === name)?.outcome;
    const orders = [names.open, names.partial, names.delivered, names.invoiced, names.withdrawn];
    expect(orders.map(outcome)).toEqual([
      'refreshed',
      'refreshed',
      'refreshed',
      'duplicate',
      'cancelled',
    ]);

    const { result } = await verifySettled(o.p);
    expect(result.violations).toEqual([]);
    expect(result.byStatus).toMatchObject({ imported: 4, cancelled: 1 });
    // Everything is delivered or cancelled now: nothing held any more.
    await until(
      async () => ((await reserved('FURN-001')) === 0 ? true : undefined),
      'stock released',
    );
    // The payment of the imported invoice reached invoicing, under the imported order.
    const paid = await until(async () => {
      const { orders } = (await call(`${o.p.urls.invoicing}/admin/verify`)).body as {
        orders: Record<string, { paidMinor: number }>;
      };
      const minor = orders[importedIds[names.invoiced!]!]?.paidMinor ?? 0;
      return minor > 0 ? minor : undefined;
    }, 'the imported invoice paid');
    expect(paid).toBe(Math.round(invoice!.amount_total * 100));
    expect(await odooWrites()).toBe(writesBefore);
  });
});
