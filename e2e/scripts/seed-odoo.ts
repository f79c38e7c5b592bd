#!/usr/bin/env tsx
/**
 * `npm run demo:seed-odoo`: creates the demo's master data (products, customers, the second
 * warehouse, on-hand stock) in a real Odoo through its external API, so `npm run demo` can run
 * against it. Idempotent: what exists is found by its key and corrected, not duplicated.
 */
import { parseArgs } from 'node:util';
import { odooClientOf, odooEnv } from '../support/odoo-env';
import { seedOdoo } from '../support/odoo-seed';

const HELP = `usage: npm run demo:seed-odoo -- [--dry-run] [--no-stock]

Creates in the Odoo named by ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY (the variables of
odoo-adapter) what the demo needs: the field x_substitute_product_id on product.product; products
FURN-001, FURN-002, SCRW-12 (Dozens), COFF-1KG (kg), FURN-001-B (default_code, barcode, unit,
storable, invoiced on delivery; FURN-001's substitute is FURN-001-B); customers CUST-001..003 (ref
set on an existing company of the same name, else created); warehouses WH and WH2 of company
ODOO_COMPANY_ID (default 1); on-hand stock as in the simulator's seed; the customers buying
through a pricelist in DEMO_CURRENCY (default EUR; activated, and a pricelist created, if Odoo
has none), as Odoo takes a sale order's currency from its pricelist.

  --dry-run   read only: print what would be created or changed
  --no-stock  leave on-hand quantities as they are
  --help      this text`;

async function main() {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      'no-stock': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${HELP}\n`);
  const env = odooEnv();
  if (!env.ODOO_URL) throw new Error('set ODOO_URL (and ODOO_DB, ODOO_LOGIN, ODOO_API_KEY)');
  const odoo = odooClientOf(env);
  const version = await odoo.version();
  process.stdout.write(`[seed-odoo] ${env.ODOO_URL} db ${env.ODOO_DB}: Odoo ${version.version}\n`);
  await seedOdoo(odoo, {
    dryRun: values['dry-run'],
    stock: !values['no-stock'],
    companyId: env.ODOO_COMPANY_ID,
    currency: env.DEMO_CURRENCY,
    log: (line) => process.stdout.write(`[seed-odoo] ${line}\n`),
  });
  process.stdout.write(
    `[seed-odoo] done${values['dry-run'] ? ' (dry run: nothing written)' : ''}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed-odoo] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
