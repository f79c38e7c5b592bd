import { startHarness, until, type Harness, type Seen } from './harness';
import { minMaxRule, replenishmentHelpers } from './replenishment-helpers';
import { reservationHelpers } from './reservation-helpers';

describe('replenishment on its timer (REPLENISHMENT_INTERVAL_MS)', () => {
  let h: Harness;
  let events: Seen[];
  beforeAll(async () => {
    h = await startHarness({ REPLENISHMENT_INTERVAL_MS: '200' });
    events = await h.collect('inventory.replenishment');
  });
  afterAll(() => h?.stop());

  it('proposes without being asked, once per position while its proposal is open', async () => {
    const t = reservationHelpers(h, []);
    const r = replenishmentHelpers(h, events);
    const wh = t.warehouse();
    await t.stocked('FURN-002', wh, 1);
    expect((await r.putRule(wh, 'FURN-002', minMaxRule({ unitCostMinor: 100 }))).res.status).toBe(
      200,
    );
    const proposed = await until(
      () => events.find((e) => e.type === 'ReplenishmentProposed' && e.value.warehouseCode === wh),
      'a scheduled ReplenishmentProposed',
    );
    expect(proposed.value).toMatchObject({ sku: 'FURN-002', quantity: 19, approval: 'AUTO' });
    // A later tick proposes for a rule planned after FURN-002's: that tick skipped FURN-002.
    await t.stocked('SCRW-12', wh, 1);
    expect((await r.putRule(wh, 'SCRW-12', minMaxRule({ unitCostMinor: 100 }))).res.status).toBe(
      200,
    );
    await until(
      () => events.find((e) => e.value.warehouseCode === wh && e.value.sku === 'SCRW-12'),
      'a later tick',
    );
    const rows = await h.db('replenishment_proposals').where({ warehouse_code: wh });
    expect(rows.map((p: { sku: string }) => p.sku).sort()).toEqual(['FURN-002', 'SCRW-12']);
  });
});
