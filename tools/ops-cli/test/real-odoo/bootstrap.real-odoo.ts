import { createOdooClient, type OdooRecord } from '@o2c/odoo-client';
import { createLegacyWriter } from '@o2c/testing';
import { importedState, planImport, type ImportPlan } from '../../src/bootstrap/plan-import';
import { readSaleOrders } from '../../src/bootstrap/read-sale-orders';

/**
 * bootstrap's reads against a real Odoo: sale orders an old integration left in every state (the
 * legacy writer), then read and planned as `o2c-ops bootstrap` does. Writes one customer ref, sale
 * orders, deliveries, invoices and a payment; run by jest.real-odoo.config.cjs.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see jest.real-odoo.config.cjs)`);
  return value;
}

const odoo = createOdooClient({
  url: required('REAL_ODOO_URL'),
  db: required('REAL_ODOO_DB'),
  login: required('REAL_ODOO_USER'),
  apiKey: required('REAL_ODOO_KEY'),
  transport: 'auto',
});
const legacy = createLegacyWriter(odoo);
const run = `BOOT-${Date.now().toString(36)}`;
const customerId = `${run}-CUST`;
const refs: Record<string, string> = {};
const names: Record<string, string> = {};
let skus: string[] = [];
let plan: ImportPlan;

const write = async (key: string, lines: Array<[number, number]>) => {
  refs[key] = `${run}-${key}`;
  await legacy.writeOrder({
    channelOrderRef: refs[key],
    customerId,
    lines: lines.map(([i, quantity]) => ({ sku: skus[i]!, quantity, unitPriceMinor: 1250 })),
  });
};

/** Registers the full payment of an invoice through Odoo's own wizard. */
async function pay(invoiceId: number) {
  const context = { active_model: 'account.move', active_ids: [invoiceId] };
  const wizard = await odoo.create('account.payment.register', {}, { context });
  await odoo.call('account.payment.register', 'action_create_payments', {
    ids: [wizard],
    context,
  });
}

const candidate = (key: string) => plan.candidates.find((c) => c.channelOrderRef === names[key]);

describe('bootstrap against a real Odoo', () => {
  beforeAll(async () => {
    const products = await odoo.searchRead<OdooRecord & { default_code: string }>(
      'product.product',
      [
        ['default_code', '!=', false],
        ['sale_ok', '=', true],
        ['detailed_type', '=', 'product'],
        ['uom_id.name', '=', 'Units'],
      ],
      { fields: ['default_code'], limit: 2, order: 'id asc' },
    );
    if (products.length < 2) throw new Error('the database needs two stocked products with codes');
    skus = products.map((p) => p.default_code);
    await odoo.create('res.partner', { name: `Customer ${run}`, ref: customerId });
    const started = Date.now() - 60_000;

    await write('open', [[0, 2]]);
    await write('partial', [
      [0, 4],
      [1, 2],
    ]);
    await legacy.validateDelivery(refs.partial!, { [skus[0]!]: 1 });
    await write('delivered', [[0, 1]]);
    await legacy.validateDelivery(refs.delivered!);
    await write('invoiced', [[1, 2]]);
    await legacy.validateDelivery(refs.invoiced!);
    await legacy.invoice(refs.invoiced!);
    await write('paid', [[1, 1]]);
    await legacy.validateDelivery(refs.paid!);
    await pay(await legacy.invoice(refs.paid!));
    await write('draft', [[0, 1]]);
    await legacy.validateDelivery(refs.draft!);
    await legacy.invoice(refs.draft!, { post: false });
    await write('cancelled', [[0, 1]]);
    await legacy.cancel(refs.cancelled!);

    const ours = (await readSaleOrders(odoo, { customerKey: 'ref', sinceMs: started })).filter(
      (so) => so.clientOrderRef?.startsWith(run),
    );
    for (const so of ours) names[so.clientOrderRef!.slice(run.length + 1)] = so.name;
    plan = planImport(ours, {
      channelCode: 'odoo-import',
      uomMap: new Map([['EA', 'Units']]),
    });
  }, 120_000);

  it('imports the open orders with what Odoo delivered and invoiced per line', () => {
    expect(plan.candidates.map((c) => c.channelOrderRef).sort()).toEqual(
      [names.open, names.partial, names.delivered, names.invoiced].sort(),
    );
    const line = (key: string, lineNo: number) =>
      candidate(key)!.lines.find((l) => l.lineNo === lineNo)!;
    expect(line('open', 1)).toMatchObject({
      sku: skus[0],
      quantity: 2,
      uom: 'EA',
      deliveredQuantity: 0,
    });
    expect(line('partial', 1)).toMatchObject({
      quantity: 4,
      deliveredQuantity: 1,
      invoicedQuantity: 0,
    });
    expect(line('partial', 2)).toMatchObject({ quantity: 2, deliveredQuantity: 0 });
    expect(candidate('partial')!.deliveries).toBe(1);
    expect(line('delivered', 1)).toMatchObject({ deliveredQuantity: 1, invoicedQuantity: 0 });
    expect(line('invoiced', 1)).toMatchObject({ deliveredQuantity: 2, invoicedQuantity: 2 });
    expect(candidate('invoiced')!.invoices).toHaveLength(1);
    expect(candidate('invoiced')!.invoices[0]!.totalMinor).toBeGreaterThanOrEqual(2500);
    expect(candidate('open')!.customerId).toBe(customerId);
    expect(candidate('open')!.lines[0]!.unitPriceMinor).toBe(1250);
    expect(
      ['open', 'partial', 'delivered', 'invoiced'].map((k) => importedState(candidate(k)!)),
    ).toEqual(['IMPORTED', 'IMPORTED', 'IMPORTED', 'COMPLETED']);
  });

  it('skips what is not open and lists what it cannot map', () => {
    const skipped = Object.fromEntries(plan.skipped.map((s) => [s.saleOrder, s.code]));
    expect(skipped[names.paid!]).toBe('CLOSED');
    expect(skipped[names.cancelled!]).toBe('CANCELLED');
    expect(plan.refreshes.map((c) => c.channelOrderRef)).toEqual([names.paid]);
    expect(plan.unmappable).toEqual([
      expect.objectContaining({ saleOrder: names.draft, code: 'DRAFT_INVOICE' }),
    ]);
  });
});
