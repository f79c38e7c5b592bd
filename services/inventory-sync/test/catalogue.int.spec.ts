import { productChanged, unitChanged } from '@o2c/testing';
import { buildLine, buildOrder } from './build';
import { buildQuant } from './events';
import { startHarness, until, type Harness, type Seen } from './harness';
import { reservationHelpers } from './reservation-helpers';

describe('inventory-sync catalogue from odoo.master-data', () => {
  let h: Harness;
  let reservations: Seen[];
  let t: ReturnType<typeof reservationHelpers>;
  beforeAll(async () => {
    h = await startHarness();
    reservations = await h.collect('inventory.reservations');
    t = reservationHelpers(h, reservations);
  });
  afterAll(() => h?.stop());

  it('reserves a product created in Odoo, in a unit created in Odoo, in its base unit', async () => {
    await h.masterData([
      unitChanged('BOX6', { referenceUom: 'EA', factor: 6, odooWriteDate: 1 }),
      productChanged('CUP-01', { uom: 'BOX6', odooWriteDate: 1 }),
    ]);
    const wh = t.warehouse();
    await h.send('StockQuantChanged', buildQuant('CUP-01', wh, 2, { uom: 'BOX6' }));
    await until(
      async () => ((await h.position('CUP-01', wh))?.onHand === 12 ? true : undefined),
      '2 BOX6 = 12 EA on hand',
    );
    expect(await h.position('CUP-01', wh)).toMatchObject({ uom: 'EA' });
    const order = buildOrder([buildLine({ sku: 'CUP-01', quantity: 1, uom: 'BOX6' })], {
      warehouseCode: wh,
    });
    const reserved = await t.accept(order);
    expect(reserved.value).toMatchObject({ partial: false });
    await until(
      async () => ((await h.position('CUP-01', wh))?.reserved === 6 ? true : undefined),
      '1 BOX6 = 6 EA reserved',
    );
  });

  it("follows a unit's changed factor and ignores a replayed older one", async () => {
    await h.masterData([unitChanged('PK', { referenceUom: 'EA', factor: 4, odooWriteDate: 10 })]);
    await h.masterData([unitChanged('PK', { referenceUom: 'EA', factor: 5, odooWriteDate: 20 })]);
    await h.masterData([unitChanged('PK', { referenceUom: 'EA', factor: 4, odooWriteDate: 15 })]);
    const wh = t.warehouse();
    await h.send('StockQuantChanged', buildQuant('PEN-01', wh, 3, { uom: 'PK' }));
    await until(
      async () => ((await h.position('PEN-01', wh))?.onHand === 15 ? true : undefined),
      '3 PK = 15 EA',
    );
  });

  it('substitutes only with the substitute Odoo names for the product', async () => {
    await h.masterData([
      productChanged('MUG-B', { odooWriteDate: 1 }),
      productChanged('MUG-A', { substituteSku: 'MUG-B', odooWriteDate: 1 }),
    ]);
    const wh = t.warehouse();
    await t.stocked('MUG-B', wh, 5);
    const order = buildOrder(
      [buildLine({ sku: 'MUG-A', quantity: 2, substitutionAllowed: true })],
      { warehouseCode: wh },
    );
    const reserved = await t.accept(order);
    expect(t.linesOf(reserved)).toEqual([[1, 'MUG-B', 2, true]]);
  });
});
