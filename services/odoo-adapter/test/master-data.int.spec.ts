import type { EventPayloads } from '@o2c/contracts';
import { simMasterData, waitFor } from '@o2c/testing';
import { startHarness, WEBHOOK_TOKEN, type Harness } from './harness';

type Seen = Array<{ value: unknown; type: string }>;
type Entity = { entityKey: string; odooWriteDate?: number };

const stateOf = (type: string, value: unknown) => {
  const state: Entity & { type: string } = { type, ...(value as Entity) };
  delete state.odooWriteDate;
  return [state.entityKey, state] as const;
};

/** The latest state per entity key, as compaction would keep it, without Odoo's write_date. */
const latest = (seen: Seen) => new Map(seen.map(({ value, type }) => stateOf(type, value)));

const untilLatest = (seen: Seen, key: string, pass: (v: Record<string, unknown>) => boolean) =>
  waitFor(
    () => {
      const v = latest(seen).get(key) as Record<string, unknown> | undefined;
      return Promise.resolve(v && pass(v) ? v : undefined);
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `odoo.master-data ${key}` },
  );

describe('odoo-adapter master data from Odoo 17', () => {
  let h: Harness;
  let seen: Seen;
  beforeAll(async () => {
    h = await startHarness('17');
    seen = await h.collect('odoo.master-data');
  });
  afterAll(() => h?.stop());

  it('publishes the seed on its first sync, exactly as the libs/testing fixture says', async () => {
    await waitFor(
      () => Promise.resolve(latest(seen).size >= simMasterData.length ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200, what: 'the first full sync' },
    );
    const expected = new Map(simMasterData.map(({ type, data }) => stateOf(type, data)));
    expect(latest(seen)).toEqual(expected);
    expect(seen.every(({ value }) => (value as Entity).odooWriteDate! > 0)).toBe(true);
  });

  it('publishes a product created in Odoo, and its archiving', async () => {
    const id = await h.odoo.create('product.product', {
      default_code: 'LAMP-01',
      name: 'Desk Lamp',
      uom_id: 1,
      detailed_type: 'product',
    });
    const created = await untilLatest(seen, 'product:LAMP-01', () => true);
    expect(created).toMatchObject({ sku: 'LAMP-01', uom: 'EA', active: true });
    await h.odoo.write('product.product', [id], { active: false });
    await untilLatest(seen, 'product:LAMP-01', (v) => v.active === false);
  });

  it("leaves out another company's products", async () => {
    const other = await h.odoo.create('res.company', { name: 'Other Co', currency_id: 1 });
    await h.odoo.create('product.product', {
      default_code: 'OTHER-01',
      name: 'Not ours',
      company_id: other,
    });
    await h.odoo.create('product.product', { default_code: 'OURS-01', name: 'Ours' });
    await untilLatest(seen, 'product:OURS-01', () => true);
    expect(latest(seen).has('product:OTHER-01')).toBe(false);
  });

  it('publishes a changed and a renamed unit, and takes webhook hints for master data', async () => {
    await h.odoo.write('uom.uom', [2], { factor: 1 / 10, factor_inv: 10 });
    await untilLatest(seen, 'uom:DZ', (v) => v.factor === 10);
    await h.odoo.write('uom.uom', [4], { name: 'gram' });
    const renamed = await untilLatest(seen, 'uom:gram', () => true);
    expect(renamed).toMatchObject({ category: 'Weight', referenceUom: 'KG', factor: 0.001 });
    await h.odoo.write('res.partner', [7], { email: 'azure@example.com' });
    const hook = await fetch(`${h.url}/webhooks/odoo/${WEBHOOK_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _action: 'Notify(#2)', _id: 7, _model: 'res.partner' }),
    });
    expect(hook.status).toBe(202);
    await untilLatest(seen, 'customer:CUST-002', (v) => v.email === 'azure@example.com');
  });
});

describe('odoo-adapter master data from Odoo 19 (units without categories)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('19');
  });
  afterAll(() => h?.stop());

  it('places each unit under its root reference unit', async () => {
    const seen = await h.collect('odoo.master-data');
    const dozens = (await untilLatest(seen, 'uom:DZ', () => true)) as Partial<
      EventPayloads['UnitOfMeasureChanged']
    >;
    expect(dozens).toMatchObject({ category: 'Units', referenceUom: 'EA', factor: 12 });
    expect(dozens.fractional).toBe(false);
    const grams = await untilLatest(seen, 'uom:g', () => true);
    expect(grams).toMatchObject({ category: 'kg', referenceUom: 'KG', fractional: true });
  });
});
