import { customerChanged, productChanged, unitChanged } from '@o2c/testing';
import { buildOrderBody } from './build';
import { startHarness, type Harness } from './harness';

const post = (h: Harness, body: unknown) =>
  h.call('POST', '/orders', body, { 'Idempotency-Key': `k-${Math.random()}` });
const line = (sku: string, uom = 'EA', quantity = 1) => ({
  sku,
  quantity,
  uom,
  unitPriceMinor: 1_000,
});
const codes = (body: Record<string, unknown>) =>
  (body.reasons as Array<{ code: string }> | undefined)?.map((r) => r.code);

describe('order-intake master data from odoo.master-data', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it('holds nothing but what the topic brought (no seeded codes)', async () => {
    expect(await h.db('master_skus').pluck('sku')).toEqual(
      expect.arrayContaining(['FURN-001', 'FURN-002', 'SCRW-12', 'COFF-1KG', 'FURN-001-B']),
    );
    expect(await h.db('master_skus').where({ odoo_write_date: 0 }).count()).toEqual([
      { count: '5' },
    ]);
    expect(await h.db('master_customers').whereNull('odoo_partner_id')).toEqual([]);
  });

  it('accepts a product created in Odoo once its event arrived, and rejects it archived with SKU_INACTIVE', async () => {
    const unknown = await post(h, buildOrderBody({ lines: [line('LAMP-01')] }));
    expect(codes(unknown.body)).toEqual(['UNKNOWN_SKU']);
    await h.masterData([productChanged('LAMP-01', { odooWriteDate: 1_000 })]);
    const accepted = await post(h, buildOrderBody({ lines: [line('LAMP-01')] }));
    expect(accepted.res.status).toBe(201);

    await h.masterData([productChanged('LAMP-01', { active: false, odooWriteDate: 2_000 })]);
    const archived = await post(h, buildOrderBody({ lines: [line('LAMP-01')] }));
    expect(archived.res.status).toBe(422);
    expect(archived.body.reasons).toEqual([
      { code: 'SKU_INACTIVE', field: 'lines[0].sku', message: "SKU 'LAMP-01' is archived in Odoo" },
    ]);
  });

  it('never lets an older state (a replay) overwrite a newer one', async () => {
    await h.masterData([productChanged('OLD-STATE', { active: false, odooWriteDate: 5_000 })]);
    await h.masterData([productChanged('OLD-STATE', { active: true, odooWriteDate: 4_000 })]);
    expect(await h.db('master_skus').where({ sku: 'OLD-STATE' }).first()).toMatchObject({
      active: false,
    });
  });

  it('rejects an archived customer with CUSTOMER_INACTIVE', async () => {
    await h.masterData([
      customerChanged('CUST-GONE', { city: 'Ghent', countryCode: 'BE', active: false }),
    ]);
    const { body } = await post(
      h,
      buildOrderBody({
        customerRef: 'CUST-GONE',
        shipTo: { name: 'x', street: 'y', city: 'Ghent', postalCode: '9000', countryCode: 'BE' },
      }),
    );
    expect(codes(body)).toEqual(['CUSTOMER_INACTIVE']);
  });

  it("follows a product's change of unit, and a new unit", async () => {
    await h.masterData([
      unitChanged('BOX6', { referenceUom: 'EA', factor: 6, odooWriteDate: 1 }),
      productChanged('CUP-01', { uom: 'BOX6', odooWriteDate: 1 }),
    ]);
    expect((await post(h, buildOrderBody({ lines: [line('CUP-01', 'BOX6')] }))).res.status).toBe(
      201,
    );
    await h.masterData([productChanged('CUP-01', { uom: 'EA', odooWriteDate: 2 })]);
    const { body } = await post(h, buildOrderBody({ lines: [line('CUP-01', 'BOX6')] }));
    expect(codes(body)).toEqual(['UOM_NOT_ALLOWED']);
  });
});
