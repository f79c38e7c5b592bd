import { startHarness, until, type Harness, type Seen } from './harness';
import { startOdoo } from './odoo-processes';

interface Report {
  runId: string;
  checked: number;
  drifts: Array<Record<string, unknown>>;
}

describe('reconciliation against Odoo through odoo-adapter', () => {
  let odoo: Awaited<ReturnType<typeof startOdoo>>;
  let h: Harness;
  let stock: Seen[];
  beforeAll(async () => {
    odoo = await startOdoo();
    h = await startHarness({ ODOO_ADAPTER_URL: odoo.adapterUrl });
    stock = await h.collect('inventory.stock');
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await odoo?.stop();
  });

  const run = async () => {
    const { res, body } = await h.call('POST', '/reconciliations');
    return { status: res.status, report: body as unknown as Report, res };
  };

  it("adopts Odoo's figures for positions it never heard of (drift from 0)", async () => {
    const { status, report } = await run();
    expect(status).toBe(200);
    expect(report.checked).toBeGreaterThanOrEqual(7);
    expect(report.drifts).toContainEqual({
      sku: 'FURN-001',
      warehouseCode: 'WH',
      expectedOnHand: 0,
      odooOnHand: 60,
      drift: 60,
      uom: 'EA',
    });
    // 100 DZ of screws in Odoo are 1200 EA here.
    expect(await h.position('SCRW-12', 'WH')).toMatchObject({ onHand: 1200, uom: 'EA' });
    expect((await run()).report.drifts).toEqual([]);
  });

  it("finds a drift after Odoo's stock changed behind its back and corrects it", async () => {
    await odoo.setOnHand(1, 8, 45); // FURN-001 in WH/Stock 50 → 45: WH total 55
    const { report } = await run();
    expect(report.drifts).toEqual([
      {
        sku: 'FURN-001',
        warehouseCode: 'WH',
        expectedOnHand: 60,
        odooOnHand: 55,
        drift: -5,
        uom: 'EA',
      },
    ]);
    expect(await h.position('FURN-001', 'WH')).toMatchObject({
      onHand: 55,
      availableToPromise: 55,
    });
    const drift = await until(
      () =>
        stock.find(
          (s) =>
            s.type === 'InventoryDriftDetected' && s.value.reconciliationRunId === report.runId,
        ),
      'InventoryDriftDetected',
    );
    expect(drift.value).toMatchObject({ sku: 'FURN-001', drift: -5, corrected: true });
    await until(
      () =>
        stock.find(
          (s) =>
            s.type === 'StockLevelChanged' &&
            s.value.cause === 'reconciliation' &&
            s.value.onHand === 55,
        ),
      'StockLevelChanged after the correction',
    );
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const counted = /^o2c_inventory_drifts_total\S* (\d+)/m.exec(metrics)?.[1];
    expect(Number(counted)).toBeGreaterThan(report.drifts.length);
  });

  it('leaves a position alone whose Odoo figure is newer than what it read, and corrects it later', async () => {
    await odoo.setOnHand(1, 8, 40); // WH total 55 → 50
    // The stock feed applied a figure of a later second while the run was reading Odoo.
    const newer = Date.now() + 3_600_000;
    await h.db('positions').where({ sku: 'FURN-001', warehouse_code: 'WH' }).update({
      odoo_write_date: newer,
    });
    const skipped = (await run()).report;
    expect(skipped.drifts.map((d) => d.sku)).not.toContain('FURN-001');
    expect(await h.position('FURN-001', 'WH')).toMatchObject({ onHand: 55 });

    await h.db('positions').where({ sku: 'FURN-001', warehouse_code: 'WH' }).update({
      odoo_write_date: null,
    });
    const { report } = await run();
    expect(report.drifts).toContainEqual(expect.objectContaining({ sku: 'FURN-001', drift: -5 }));
    expect(await h.position('FURN-001', 'WH')).toMatchObject({ onHand: 50 });
  });

  it('fails with a 409 problem naming the unit, and changes nothing, while a unit is unknown', async () => {
    // As right after a start, before odoo.master-data brought the units: SCRW-12 is in DZ in Odoo.
    const dozen = (await h.db('catalogue_units').where({ code: 'DZ' })) as object[];
    await h.db('catalogue_units').where({ code: 'DZ' }).delete();
    try {
      const runs = await h.db('reconciliation_runs').count({ n: '*' });
      const { status, res, report } = await run();
      expect(status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = report as unknown as { type: string; detail: string };
      expect(problem.type).toBe('urn:o2c:problem:unknown-uom');
      expect(problem.detail).toMatch(/^unit 'DZ' is unknown; the reconciliation changed nothing/);
      expect(await h.db('reconciliation_runs').count({ n: '*' })).toEqual(runs);
    } finally {
      await h.db('catalogue_units').insert(dozen);
    }
    expect((await run()).status).toBe(200);
  });

  it('fails with 503 problem+json and changes nothing while odoo-adapter is unreachable', async () => {
    const before = (await h.call('GET', '/availability')).body;
    const runs = await h.db('reconciliation_runs').count({ n: '*' });
    await odoo.stopAdapter();
    const { status, res, report } = await run();
    expect(status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(report).toMatchObject({ type: 'urn:o2c:problem:odoo-stock-unavailable' });
    expect((await h.call('GET', '/availability')).body).toEqual(before);
    expect(await h.db('reconciliation_runs').count({ n: '*' })).toEqual(runs);
  });

  it('leaves /admin/verify clean', async () => {
    expect(await h.verify()).toMatchObject({ violations: [] });
  });
});
