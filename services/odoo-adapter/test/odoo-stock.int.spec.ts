import { asDeveloper, waitFor } from '@o2c/testing';
import { startHarness, type Harness } from './harness';

interface Row {
  sku: string;
  warehouseCode: string;
  quantityOnHand: number;
  uom: string;
  odooWriteDate: number;
}

const stock = async (h: Harness) => {
  const res = await fetch(`${h.url}/odoo/stock`, { headers: asDeveloper });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: await res.json(),
  };
};
const row = (rows: Row[], sku: string, warehouseCode: string) =>
  rows.find((r) => r.sku === sku && r.warehouseCode === warehouseCode);

describe.each(['16', '19'])('GET /odoo/stock on Odoo %s', (version) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(version);
  });
  afterAll(() => h?.stop());

  it('lists live stock per sku and warehouse, internal locations summed, in canonical codes', async () => {
    const { status, body } = await stock(h);
    expect(status).toBe(200);
    const rows = body as Row[];
    // Seed: FURN-001 50 in WH/Stock + 10 in WH/Stock/Shelf 1, 20 in WH2; screws in dozens.
    expect(row(rows, 'FURN-001', 'WH')).toMatchObject({ quantityOnHand: 60, uom: 'EA' });
    expect(row(rows, 'FURN-001', 'WH2')).toMatchObject({ quantityOnHand: 20, uom: 'EA' });
    expect(row(rows, 'SCRW-12', 'WH')).toMatchObject({ quantityOnHand: 100, uom: 'DZ' });
    expect(row(rows, 'COFF-1KG', 'WH')).toMatchObject({ quantityOnHand: 25.5, uom: 'KG' });
    expect(new Set(rows.map((r) => `${r.sku}@${r.warehouseCode}`)).size).toBe(rows.length);
    expect(rows.every((r) => r.odooWriteDate > 0)).toBe(true);
  });

  it("reflects a change of Odoo's stock at once and writes nothing to Odoo", async () => {
    await h.control('DELETE', 'calls');
    await h.control('POST', 'stock', { productId: 2, locationId: 8, quantity: 7 });
    const rows = (await stock(h)).body as Row[];
    expect(row(rows, 'FURN-002', 'WH')?.quantityOnHand).toBe(7);
    const { calls } = (await h.control('GET', 'calls', undefined)) as {
      calls: Array<{ model: string; method: string }>;
    };
    const quantCalls = calls.filter((c) => c.model === 'stock.quant');
    expect(quantCalls.length).toBeGreaterThan(0);
    const writes = ['create', 'write', 'unlink', 'action_apply_inventory'];
    expect(quantCalls.filter((c) => writes.includes(c.method))).toEqual([]);
  });

  it('answers 503 problem+json while Odoo cannot be read', async () => {
    await h.control('POST', 'faults', { kind: 'down', mode: '503' });
    try {
      const res = await stock(h);
      expect(res.status).toBe(503);
      expect(res.type).toContain('application/problem+json');
      expect(res.body).toMatchObject({ type: 'urn:o2c:problem:odoo-unavailable' });
    } finally {
      await h.control('DELETE', 'faults');
    }
    await waitFor(async () => ((await stock(h)).status === 200 ? true : undefined), {
      what: 'stock readable again',
      timeoutMs: 15_000,
    });
  });
});
