import { apiOf, until, type Api } from './support/api';
import { odooOf } from './support/odoo';
import { startPlatform, type Platform } from './support/platform';

const reasonsOf = (body: Record<string, unknown>) =>
  ((body.reasons ?? []) as Array<{ code: string }>).map((r) => r.code);

/**
 * Master data belongs to Odoo: a product an Odoo user creates, archives or moves to another unit
 * reaches order validation through odoo-adapter's next poll, with no configuration in between.
 */
describe('master data from Odoo', () => {
  let p: Platform;
  let api: Api;
  beforeAll(async () => {
    p = await startPlatform();
    api = apiOf(p);
  });
  afterAll(() => p?.stopAll());

  it('accepts a product created in Odoo after the next sync and rejects it once archived', async () => {
    const { odoo } = odooOf(p);
    const unknown = await api.submitRaw([{ sku: 'LAMP-E2E', quantity: 1 }]);
    expect(reasonsOf(unknown.body)).toEqual(['UNKNOWN_SKU']);
    const id = await odoo.create('product.product', {
      default_code: 'LAMP-E2E',
      name: 'Desk Lamp',
      uom_id: 1,
      detailed_type: 'product',
    });
    await until(async () => {
      const res = await api.submitRaw([{ sku: 'LAMP-E2E', quantity: 1 }]);
      return res.status === 201 ? res : undefined;
    }, 'an order for LAMP-E2E accepted');

    await odoo.write('product.product', [id], { active: false });
    const archived = await until(async () => {
      const res = await api.submitRaw([{ sku: 'LAMP-E2E', quantity: 1 }]);
      return res.status === 422 ? res : undefined;
    }, 'an order for LAMP-E2E rejected');
    expect(reasonsOf(archived.body)).toEqual(['SKU_INACTIVE']);
  });

  it("follows a product's change of unit into validation and reservation", async () => {
    const { odoo } = odooOf(p);
    const id = await odoo.create('product.product', {
      default_code: 'BOLT-E2E',
      name: 'Bolts',
      uom_id: 1,
      detailed_type: 'product',
    });
    await until(async () => {
      const res = await api.submitRaw([{ sku: 'BOLT-E2E', quantity: 24 }]);
      return res.status === 201 ? res : undefined;
    }, 'BOLT-E2E accepted in EA');
    await odoo.write('product.product', [id], { uom_id: 2 });
    const orderId = await until(async () => {
      const res = await api.submitRaw([{ sku: 'BOLT-E2E', quantity: 2, uom: 'DZ' }]);
      return res.status === 201 ? (res.body.orderId as string) : undefined;
    }, 'BOLT-E2E accepted in DZ');
    const inEach = await api.submitRaw([{ sku: 'BOLT-E2E', quantity: 24 }]);
    expect(reasonsOf(inEach.body)).toEqual(['UOM_NOT_ALLOWED']);
    // No stock yet: inventory-sync backorders the 2 DZ it now knows as Dozens of EA.
    const [backordered] = await api.events(orderId, 'StockBackordered');
    expect(backordered?.data.lines).toEqual([
      expect.objectContaining({ sku: 'BOLT-E2E', quantity: 2, uom: 'DZ' }),
    ]);
  });
});
