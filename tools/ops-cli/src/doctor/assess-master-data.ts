import { blocker, ok, sampled, warning } from './check';
import type { Check, SetupFacts } from './setup-facts';

export function assessProducts(f: SetupFacts): Check[] {
  const codeTitle = 'sellable goods have an Internal Reference (default_code = our SKU)';
  const missing = f.goodsWithoutCode;
  const codes =
    f.goods === 0
      ? blocker(
          'product-codes',
          codeTitle,
          'no sellable goods',
          'create the products with Internal Reference = SKU',
        )
      : missing.count === f.goods
        ? blocker(
            'product-codes',
            codeTitle,
            `none of ${f.goods} has one`,
            'set Internal Reference = SKU on every product we sell',
          )
        : missing.count > 0
          ? warning(
              'product-codes',
              codeTitle,
              `${sampled(missing)} of ${f.goods} without`,
              'set Internal Reference = SKU; orders for SKUs Odoo cannot find are refused',
            )
          : ok('product-codes', codeTitle, `${f.goods} goods, all with one`);
  const policyTitle = 'goods invoiced on delivered quantities (invoice_policy delivery)';
  const onOrder = f.goodsInvoicedOnOrder;
  const policy =
    onOrder.count === 0
      ? ok('invoice-policy', policyTitle, `${f.goods} goods, all on delivered quantities`)
      : warning(
          'invoice-policy',
          policyTitle,
          `${sampled(onOrder)} invoiced on ordered quantities`,
          "set Invoicing Policy to 'Delivered quantities': on 'Ordered quantities' Odoo invoices the whole order at the first shipment, we invoice what shipped",
        );
  return [codes, policy];
}

const KEY_LABEL = { ref: 'Reference (ref)', vat: 'Tax ID (vat)', email: 'Email (email)' };

export function assessPartners(f: SetupFacts, key: keyof typeof KEY_LABEL): Check {
  const label = KEY_LABEL[key];
  const title = `customers have a ${label}, our customer id (ODOO_CUSTOMER_KEY)`;
  const missing = f.customersWithoutKey;
  if (f.customers === 0)
    return blocker('partner-refs', title, 'no customer', `create the customers with ${label}`);
  if (missing.count === f.customers)
    return blocker(
      'partner-refs',
      title,
      `none of ${f.customers} has one`,
      `set ${label} on every customer we sell to, or set ODOO_CUSTOMER_KEY to the field that holds our ids`,
    );
  if (missing.count > 0)
    return warning(
      'partner-refs',
      title,
      `${sampled(missing)} of ${f.customers} without`,
      `set ${label} on those we sell to; orders for customers Odoo cannot find are refused`,
    );
  return ok('partner-refs', title, `${f.customers} customers, all with one`);
}

export function assessUnits(f: SetupFacts, uomMap: ReadonlyMap<string, string>): Check {
  const title = 'units of ODOO_UOM_MAP exist in Odoo';
  const absent = [...uomMap].filter(([, name]) => !f.uoms.includes(name));
  const mapped = new Set(uomMap.values());
  const used = Object.entries(f.productUoms)
    .map(([name, n]) => `${name} ${n}${mapped.has(name) ? '' : ' (not mapped: code = Odoo name)'}`)
    .join(', ');
  const found = `products use ${used || 'no unit'}`;
  if (absent.length > 0)
    return blocker(
      'units',
      title,
      `${absent.map(([code, name]) => `${code}=${name}`).join(', ')} not in Odoo; ${found}`,
      'create the unit in Inventory › Configuration › UoM, or correct ODOO_UOM_MAP to the Odoo unit names',
    );
  return ok('units', title, found);
}

/** `expected`: the currencies our orders are in; by default the synced company's. */
export function assessCurrencies(
  f: SetupFacts,
  companyId: number,
  given: readonly string[] | undefined,
): Check {
  const own = f.companies.find((c) => c.id === companyId)?.currency;
  const expected = given ?? (own ? [own] : []);
  const title = `orders' currencies (${expected.join(', ')}) active, each with a pricelist`;
  const lists = f.pricelists.map((p) => `${p.name} ${p.currency}`).join(', ') || 'none';
  const found = `active ${f.currencies.join(', ')}; company ${f.companies.map((c) => c.currency).join(', ')}; pricelists ${lists}`;
  const inactive = expected.filter((c) => !f.currencies.includes(c));
  if (inactive.length > 0)
    return blocker(
      'currencies',
      title,
      found,
      `activate ${inactive.join(', ')} (Accounting › Configuration › Currencies)`,
    );
  // Odoo takes a sale order's currency from its pricelist: each currency needs one.
  const unpriced = expected.filter((c) => !f.pricelists.some((p) => p.currency === c));
  if (unpriced.length > 0)
    return blocker(
      'currencies',
      title,
      found,
      `create a pricelist in ${unpriced.join(', ')} (Sales › Products › Pricelists; turn on Pricelists in Sales › Settings) so sale orders are in the order's currency`,
    );
  return ok('currencies', title, found);
}
