#!/usr/bin/env tsx
/**
 * `npm run demo:seed-odoo`: creates the demo's master data (products, customers, the second
 * warehouse, on-hand stock) in a real Odoo through its external API, so `npm run demo` can run
 * against it. Idempotent: what exists is found by its key and corrected, not duplicated.
 */
import { parseArgs } from 'node:util';
import type { OdooClient } from '@o2c/odoo-client';
import { odooClientOf, odooEnv } from '../support/odoo-env';
import { seedOdoo } from '../support/odoo-seed';
import { DEMO_SUPPLIERS } from '../support/odoo-seed-data';

const HELP = `usage: npm run demo:seed-odoo -- [--dry-run] [--no-stock]

Creates in the Odoo named by ODOO_URL, ODOO_DB, ODOO_LOGIN and ODOO_API_KEY (the variables of
odoo-adapter) what the demo needs: the field x_substitute_product_id on product.product; products
FURN-001, FURN-002, SCRW-12 (Dozens), COFF-1KG (kg), FURN-001-B (default_code, barcode, unit,
storable, invoiced on delivery; FURN-001's substitute is FURN-001-B); customers CUST-001..003 (ref
set on an existing company of the same name, else created); suppliers SUP-001 Gemini Furniture
and SUP-002 Ready Supplies (the same way, with supplier_rank 1); warehouses WH and WH2 of company
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
  await seedSuppliers(odoo, values['dry-run'], (line) =>
    process.stdout.write(`[seed-odoo] ${line}\n`),
  );
  process.stdout.write(
    `[seed-odoo] done${values['dry-run'] ? ' (dry run: nothing written)' : ''}\n`,
  );
}

/**
 * Each supplier: found by ref (its supplier_rank raised to 1 if 0), else a company of that name
 * without ref is given the ref, else created. Nothing is renamed; a second run writes nothing.
 */
async function seedSuppliers(odoo: OdooClient, dryRun: boolean, log: (line: string) => void) {
  const act = async (what: string, write: () => Promise<unknown>) => {
    log(`${dryRun ? 'would ' : ''}${what}`);
    if (!dryRun) await write();
  };
  const first = async (model: string, domain: unknown[], fields: string[] = []) =>
    (await odoo.searchRead(model, domain, { fields, limit: 1, order: 'id asc' }))[0];
  for (const s of DEMO_SUPPLIERS) {
    const byRef = await first('res.partner', [['ref', '=', s.ref]], ['name', 'supplier_rank']);
    if (byRef) {
      if (!((byRef.supplier_rank as number) > 0))
        await act(`set supplier_rank 1 on supplier ${s.ref} (${byRef.id})`, () =>
          odoo.write('res.partner', [byRef.id], { supplier_rank: 1 }),
        );
      continue;
    }
    const byName = await first(
      'res.partner',
      [
        ['name', '=', s.name],
        ['parent_id', '=', false],
        ['ref', '=', false],
      ],
      ['supplier_rank'],
    );
    if (byName) {
      const rank = Math.max(1, byName.supplier_rank as number);
      await act(`set ref ${s.ref} on supplier ${s.name} (${byName.id})`, () =>
        odoo.write('res.partner', [byName.id], { ref: s.ref, supplier_rank: rank }),
      );
      continue;
    }
    const country = await first('res.country', [['code', '=', s.country]]);
    await act(`create supplier ${s.ref} ${s.name}`, () =>
      odoo.create('res.partner', {
        name: s.name,
        ref: s.ref,
        is_company: true,
        supplier_rank: 1,
        city: s.city,
        zip: s.zip,
        country_id: country?.id ?? false,
      }),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed-odoo] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
