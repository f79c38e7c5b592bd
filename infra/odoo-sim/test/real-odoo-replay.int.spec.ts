import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireFixture } from '@o2c/testing';
import { replayAgainst, type Differences } from './real-odoo-replay';
import { startSim, type SimClient } from './sim-client';
import type { OdooSim } from '../src/create-odoo-sim';

/**
 * Replays the requests recorded from a real Odoo 17 (libs/odoo-client/test/fixtures, see its
 * recorder) against the simulator with profile 17 and the recording's installed modules (so
 * stock_delivery's fields exist only where the recorded database had it) and compares the answers' shapes and stable
 * values. Where the simulator still differs, real-odoo-differences.json lists each difference:
 * the test asserts that exactly those remain, so fixing one fails the test until its entry is
 * removed, and any new difference fails it too.
 */
const FIXTURES_DIR = join(__dirname, '..', '..', '..', 'libs', 'odoo-client', 'test', 'fixtures');
const KNOWN = JSON.parse(readFileSync(join(__dirname, 'real-odoo-differences.json'), 'utf8')) as {
  causes: Record<string, string>;
  allFixtures: Differences;
  onlyIn: Record<string, Differences>;
};
/** The recorded company's default sale tax (its draft order: 64.50 untaxed, 9.68 tax). */
const DEMO_SALE_TAX = 15;
/** allFixtures' entries apply to the recordings that hold the exchange (the sales ones, not the purchase one). */
const knownFor = (file: string, fixture: WireFixture): Differences => {
  const names = new Set(fixture.exchanges.map((e) => e.name));
  const shared = Object.entries(KNOWN.allFixtures).filter(([name]) => names.has(name));
  return { ...Object.fromEntries(shared), ...KNOWN.onlyIn[file] };
};

/** The `$tokens` a recording's requests refer to that no answer binds, per fixture. */
function givenFor(file: string, run: string): Record<string, unknown> {
  const credentials = { db: 'o2c', login: 'admin', key: 'o2c-admin-key' };
  if (file === 'odoo17-purchase.json')
    return {
      ...credentials,
      supplierCode: 'SUP-001',
      purchaseId: `${run}-PO1`,
      refusedPurchaseId: `${run}-PO2`,
      changedPurchaseId: `${run}-PO3`,
      overPurchaseId: `${run}-PO4`,
      supplierReference: `${run}-SREF`,
    };
  return {
    ...credentials,
    demoKey: 'o2c-readonly-key',
    orderRef: `${run}-SO1`,
    cancelRef: `${run}-SO2`,
    pollRef: `${run}-POLL`,
    trackingRef: `${run}-TRK`,
    invoiceRef: `${run}-INV`,
    creditReason: `${run}-CN DAMAGED`,
  };
}

describe.each(['odoo17.json', 'odoo17-stock-delivery.json', 'odoo17-purchase.json'])(
  'the simulator (profile 17) against the real Odoo recording %s',
  (file) => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES_DIR, file), 'utf8')) as WireFixture;
    let sim: OdooSim;
    let client: SimClient;
    beforeAll(
      async () =>
        ({ sim, client } = await startSim(17, fixture.recordedFrom.modules, {
          saleTaxPercent: DEMO_SALE_TAX,
        })),
    );
    afterAll(() => sim.stop());

    it('differs from the recording only where real-odoo-differences.json says', async () => {
      const run = `SIM-${Date.now().toString(36).toUpperCase()}`;
      const found = await replayAgainst(client.url, fixture, givenFor(file, run));
      expect(found).toEqual(knownFor(file, fixture));
    });

    it('gives every known difference its cause', () => {
      const named = Object.keys(knownFor(file, fixture)).filter((name) => !KNOWN.causes[name]);
      expect(named).toEqual([]);
    });
  },
);
