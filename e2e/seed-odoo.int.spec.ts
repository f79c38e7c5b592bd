import { join } from 'node:path';
import { createOdooClient, type OdooClient, type OdooRecord } from '@o2c/odoo-client';
import { spawnProcess, waitFor, type SpawnedProcess } from '@o2c/testing';
import { freePort } from './support/free-port';
import { seedOdoo } from './support/odoo-seed';

const SIM_MAIN = join(__dirname, '../infra/odoo-sim/src/main.ts');

describe('demo:seed-odoo against the Odoo simulator', () => {
  let sim: SpawnedProcess;
  let odoo: OdooClient;

  beforeAll(async () => {
    const port = await freePort();
    sim = spawnProcess(SIM_MAIN, { ODOO_SIM_PORT: String(port), LOG_LEVEL: 'warn' });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () =>
        (await fetch(`${url}/__sim/state`).catch(() => undefined))?.ok ? true : undefined,
      {
        timeoutMs: 60_000,
        what: 'odoo-sim ready',
      },
    );
    odoo = createOdooClient({
      url,
      db: 'o2c',
      login: 'admin',
      apiKey: 'o2c-admin-key',
      transport: 'auto',
    });
  });
  afterAll(async () => {
    sim.child.kill('SIGTERM');
    await sim.exited;
  });

  const run = async (dryRun: boolean, currency = 'EUR') => {
    const lines: string[] = [];
    await seedOdoo(odoo, {
      dryRun,
      stock: true,
      companyId: 1,
      currency,
      log: (l) => lines.push(l),
    });
    return lines;
  };
  const onHand = async (sku: string) => {
    const quants = await odoo.searchRead<
      OdooRecord & { location_id: [number, string]; quantity: number }
    >(
      'stock.quant',
      [
        ['product_id.default_code', '=', sku],
        ['location_id.usage', '=', 'internal'],
      ],
      { fields: ['location_id', 'quantity'] },
    );
    return Object.fromEntries(quants.map((q) => [q.location_id[1], q.quantity]));
  };

  it('finds the simulator seed by its keys and sets stock to the demo levels, idempotently', async () => {
    const dry = await run(true);
    // The simulator holds the demo's master data already: nothing to create, only stock to set.
    expect(dry.filter((l) => !l.includes(' on hand in '))).toEqual([]);
    expect(await onHand('FURN-002')).toEqual({ 'WH/Stock': 5 });

    await run(false);
    await run(false);
    expect(await onHand('FURN-001')).toMatchObject({
      'WH/Stock': 60,
      'WH/Stock/Shelf 1': 0,
      'WH2/Stock': 20,
    });
    expect(await onHand('COFF-1KG')).toMatchObject({ 'WH/Stock': 25.5, 'WH2/Stock': 8 });
  });

  it("puts the customers on a pricelist in the demo's currency, the one Odoo takes an order's from", async () => {
    const pricelistCurrency = async () => {
      const partners = await odoo.searchRead<
        OdooRecord & { property_product_pricelist: [number, string] }
      >('res.partner', [['ref', 'in', ['CUST-001', 'CUST-002', 'CUST-003']]], {
        fields: ['property_product_pricelist'],
      });
      const pricelists = await odoo.read<OdooRecord & { currency_id: [number, string] }>(
        'product.pricelist',
        partners.map((p) => p.property_product_pricelist[0]),
        ['currency_id'],
      );
      return [...new Set(pricelists.map((p) => p.currency_id[1]))];
    };
    expect(await pricelistCurrency()).toEqual(['EUR']);
    const dry = await run(true, 'USD');
    expect(dry.filter((l) => l.includes('property_product_pricelist'))).toHaveLength(3);
    await run(false, 'USD');
    expect(await pricelistCurrency()).toEqual(['USD']);
    expect((await run(true, 'USD')).filter((l) => !l.includes(' on hand in '))).toEqual([]);
  });
});
