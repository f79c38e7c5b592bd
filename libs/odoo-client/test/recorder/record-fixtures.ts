/**
 * Records wire fixtures from a real Odoo (run by hand, never in CI):
 *
 *   REAL_ODOO_URL=http://127.0.0.1:8069 REAL_ODOO_DB=odoo17 REAL_ODOO_USER=admin \
 *   REAL_ODOO_KEY=<admin api key> REAL_ODOO_DEMO_KEY=<api key of the demo user (uid 6)> \
 *   npx tsx libs/odoo-client/test/recorder/record-fixtures.ts libs/odoo-client/test/fixtures/odoo17.json
 *
 * The database must hold Odoo's demo data (the demo user, a WH warehouse) and the modules
 * sale_management, stock and account (with stock_delivery for the second fixture). The run
 * creates partners, products with stock, two sale orders, deliveries, an invoice and a credit note. Credentials
 * are only sent, never written: the fixture holds the `$key` / `$demoKey` tokens.
 *
 * With `purchase` after the file name it records the procure-to-pay calls instead
 * (odoo17-purchase.json; the database needs the `purchase` module too, REAL_ODOO_DEMO_KEY is not
 * used): a supplier with ref SUP-001 (given another ref at the end, so the seed's SUP-001 stays
 * unique), four purchase orders, quantity and date changes, partial, over and
 * under receipts, vendor bills, cancellations.
 */
import { writeFileSync } from 'node:fs';
import { NORMALISATION_RULE, type WireFixture } from '@o2c/testing';
import { kw } from './kw';
import { recordPolling, recordProtocol } from './scenario-protocol';
import { recordCancel, recordInvoiceAndCredit } from './scenario-billing';
import { recordSaleAndDelivery } from './scenario-delivery';
import { recordFeeds } from './scenario-feeds';
import { recordSetup } from './scenario-setup';
import { recordPurchasePlacement, recordPurchaseSetup } from './scenario-purchase';
import { recordPurchaseChangeKeepingDate } from './scenario-purchase-change';
import {
  recordPurchaseOverUnder,
  recordPurchaseSecondReceipt,
} from './scenario-purchase-over-under';
import {
  recordPurchaseBill,
  recordPurchaseReceipt,
  recordPurchaseRefusal,
} from './scenario-purchase-receipt';
import { WireRecorder } from './wire-recorder';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see the header of record-fixtures.ts)`);
  return value;
}

async function recordSales(rec: WireRecorder, run: string) {
  const given: Record<string, string> = {
    demoKey: env('REAL_ODOO_DEMO_KEY'),
    orderRef: `${run}-SO1`,
    cancelRef: `${run}-SO2`,
    pollRef: `${run}-POLL`,
    trackingRef: `${run}-TRK`,
    invoiceRef: `${run}-INV`,
    creditReason: `${run}-CN DAMAGED`,
  };
  for (const [token, value] of Object.entries(given)) rec.bindings.set(token, value);
  await recordProtocol(rec);
  await recordPolling(rec);
  await recordSetup(rec);
  await recordSaleAndDelivery(rec);
  await recordInvoiceAndCredit(rec);
  await recordCancel(rec);
  await recordFeeds(rec);
}

async function recordPurchases(rec: WireRecorder, run: string) {
  const given: Record<string, string> = {
    supplierCode: 'SUP-001',
    purchaseId: `${run}-PO1`,
    refusedPurchaseId: `${run}-PO2`,
    changedPurchaseId: `${run}-PO3`,
    overPurchaseId: `${run}-PO4`,
    supplierReference: `${run}-SREF`,
  };
  for (const [token, value] of Object.entries(given)) rec.bindings.set(token, value);
  await recordPurchaseSetup(rec);
  await recordPurchasePlacement(rec);
  await recordPurchaseReceipt(rec);
  await recordPurchaseBill(rec);
  await recordPurchaseSecondReceipt(rec);
  await recordPurchaseRefusal(rec);
  await recordPurchaseChangeKeepingDate(rec);
  await recordPurchaseOverUnder(rec);
  // Unrecorded: the recording's supplier gives SUP-001 back, so `npm run demo:seed-odoo` can put it
  // on Gemini Furniture and the adapter finds one supplier by that ref.
  await rec.peek(kw('res.partner', 'write', [['$supplier'], { ref: `${run}-SUP` }]));
}

async function main() {
  const [out, scenario = 'sales'] = process.argv.slice(2);
  if (!out || !['sales', 'purchase'].includes(scenario))
    throw new Error('usage: record-fixtures.ts <fixture.json> [sales|purchase]');
  const rec = new WireRecorder(env('REAL_ODOO_URL').replace(/\/+$/, ''));
  const run = `REC-${Date.now().toString(36).toUpperCase()}`;
  const given: Record<string, string> = {
    db: env('REAL_ODOO_DB'),
    login: env('REAL_ODOO_USER'),
    key: env('REAL_ODOO_KEY'),
  };
  for (const [token, value] of Object.entries(given)) rec.bindings.set(token, value);
  if (scenario === 'purchase') await recordPurchases(rec, run);
  else await recordSales(rec, run);

  const version = (await rec.peek({ service: 'common', method: 'version', args: [] })) as {
    server_version: string;
    server_version_info: unknown[];
  };
  const installed = (await rec.peek(
    kw('ir.module.module', 'search_read', [[['state', '=', 'installed']]], { fields: ['name'] }),
  )) as Array<{ name: string }>;
  const fixture: WireFixture = {
    _about:
      'Recorded from a real Odoo by libs/odoo-client/test/recorder/record-fixtures.ts; replayed by ' +
      'libs/odoo-client/test/real-odoo-replay.contract.spec.ts and infra/odoo-sim/test/real-odoo-replay.int.spec.ts. ' +
      'Requests are templates: "$token" is a value bound from the environment or an earlier answer (see bind).',
    _normalisation: NORMALISATION_RULE,
    recordedFrom: {
      server_version: version.server_version,
      server_version_info: version.server_version_info,
      modules: installed.map((m) => m.name).sort(),
      recordedAt: new Date().toISOString().slice(0, 10),
    },
    exchanges: rec.exchanges,
  };
  writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`${rec.exchanges.length} exchanges from ${version.server_version} → ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
