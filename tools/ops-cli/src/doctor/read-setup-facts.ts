import { m2oName, OdooError, type Domain, type OdooClient } from '@o2c/odoo-client';
import { NEEDED_ACCESS, PLATFORM_MODULES } from './assess-platform';
import { SAMPLE_SIZE, type AccessRight, type Sampled, type SetupFacts } from './setup-facts';

/** What the adapter syncs: one company's records and those shared by all companies. */
export interface SyncScope {
  companyId: number;
  customerKey: 'ref' | 'vat' | 'email';
}

const companyOrShared = (companyId: number): Domain => [
  '|',
  ['company_id', '=', false],
  ['company_id', '=', companyId],
];
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A model or field of a module that is not installed (UserError "Object x doesn't exist",
 * ValueError "Invalid field", JSON-2 404): the module check reports it, so this read yields `absent`.
 */
async function unlessAbsent<T>(read: Promise<T>, absent: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof OdooError && ['user', 'value', 'not_found'].includes(error.kind))
      return absent;
    throw error;
  }
}

async function sampledCount(
  odoo: OdooClient,
  model: string,
  domain: Domain,
  label: string,
): Promise<Sampled> {
  const [count, rows] = await Promise.all([
    odoo.searchCount(model, domain),
    odoo.searchRead(model, domain, { fields: [label], limit: SAMPLE_SIZE, order: 'id' }),
  ]);
  return { count, sample: rows.map((r) => str(r[label]) || `#${r.id}`) };
}

/** check_access_rights (16–18); 19 dropped it for the record method has_access. */
async function accessRight(
  odoo: OdooClient,
  model: string,
  operation: AccessRight['operation'],
): Promise<AccessRight | null> {
  try {
    const allowed = await odoo.call<boolean>(model, 'check_access_rights', {
      // By name: JSON-2 (19) takes no positional arguments.
      kwargs: { operation, raise_exception: false },
    });
    return { model, operation, allowed };
  } catch (error) {
    if (error instanceof OdooError && error.kind === 'user') return null;
    if (!(error instanceof OdooError) || error.kind !== 'not_found') throw error;
    const allowed = await unlessAbsent(
      odoo.call<boolean | null>(model, 'has_access', { ids: [], kwargs: { operation } }),
      null,
    );
    return allowed === null ? null : { model, operation, allowed };
  }
}

async function companies(odoo: OdooClient): Promise<SetupFacts['companies']> {
  const fields = await odoo.fieldsGet('res.company', ['type']);
  const sms = ['stock_move_sms_validation', 'has_received_warning_stock_sms'].filter(
    (f) => f in fields,
  );
  const rows = await odoo.searchRead('res.company', [], {
    fields: ['name', 'currency_id', ...sms],
  });
  return rows.map((c) => ({
    id: c.id,
    name: str(c.name),
    currency: m2oName(c.currency_id as never) ?? '?',
    ...(sms.length === 2
      ? {
          smsConfirmation: c.stock_move_sms_validation === true,
          smsQuestionAnswered: c.has_received_warning_stock_sms === true,
        }
      : {}),
  }));
}

/** Customers: partners that bought or are companies, without the companies' own partners. */
async function customerDomain(odoo: OdooClient, companyId: number): Promise<Domain> {
  const own = await odoo.searchRead('res.company', [], { fields: ['partner_id'] });
  return [
    ...companyOrShared(companyId),
    '|',
    ['customer_rank', '>', 0],
    '&',
    ['is_company', '=', true],
    ['supplier_rank', '=', 0],
    ['parent_id', '=', false],
    ['id', 'not in', own.map((c) => Number((c.partner_id as [number, string])[0]))],
  ];
}

async function productUoms(odoo: OdooClient, goods: Domain): Promise<Record<string, number>> {
  const rows = await odoo.searchRead('product.product', goods, { fields: ['uom_id'], limit: 1000 });
  const counts: Record<string, number> = {};
  for (const r of rows) {
    const name = m2oName(r.uom_id as never) ?? '?';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** Everything the doctor judges, read with the API user's own rights (read-only calls). */
export async function readSetupFacts(odoo: OdooClient, scope: SyncScope): Promise<SetupFacts> {
  const goods: Domain = [
    ['sale_ok', '=', true],
    ['type', '!=', 'service'],
    ...companyOrShared(scope.companyId),
  ];
  const [version, protocol, uid] = await Promise.all([
    odoo.version(),
    odoo.protocol(),
    odoo.authenticate(),
  ]);
  const moduleRows = await odoo.searchRead('ir.module.module', [['name', 'in', PLATFORM_MODULES]], {
    fields: ['name', 'state'],
  });
  const customers = await customerDomain(odoo, scope.companyId);
  const access = NEEDED_ACCESS.flatMap(([model, ops]) => ops.map((op) => [model, op] as const));
  const [
    company,
    warehouses,
    goodsCount,
    goodsWithoutCode,
    goodsInvoicedOnOrder,
    uoms,
    customerCount,
    customersWithoutKey,
    rights,
    currencies,
    pricelists,
    used,
  ] = await Promise.all([
    companies(odoo),
    unlessAbsent(
      odoo.searchRead('stock.warehouse', [['company_id', '=', scope.companyId]], {
        fields: ['code', 'name', 'delivery_steps'],
      }),
      [],
    ),
    odoo.searchCount('product.product', goods),
    sampledCount(odoo, 'product.product', [...goods, ['default_code', '=', false]], 'name'),
    unlessAbsent(
      sampledCount(odoo, 'product.product', [...goods, ['invoice_policy', '=', 'order']], 'name'),
      { count: 0, sample: [] },
    ),
    odoo.searchRead('uom.uom', [], { fields: ['name'] }),
    odoo.searchCount('res.partner', customers),
    sampledCount(odoo, 'res.partner', [...customers, [scope.customerKey, '=', false]], 'name'),
    Promise.all(access.map(([model, op]) => accessRight(odoo, model, op))),
    odoo.searchRead('res.currency', [], { fields: ['name'] }),
    odoo.searchRead('product.pricelist', [], { fields: ['name', 'currency_id'] }),
    productUoms(odoo, goods),
  ]);
  return {
    server: { version: version.version, major: version.major, protocol, uid },
    modules: Object.fromEntries(moduleRows.map((m) => [str(m.name), str(m.state)])),
    companies: company,
    warehouses: warehouses.map((w) => ({
      code: str(w.code),
      name: str(w.name),
      deliverySteps: str(w.delivery_steps),
    })),
    goods: goodsCount,
    goodsWithoutCode,
    goodsInvoicedOnOrder,
    productUoms: used,
    uoms: uoms.map((u) => str(u.name)),
    customers: customerCount,
    customersWithoutKey,
    access: rights.filter((r): r is AccessRight => r !== null),
    currencies: currencies.map((c) => str(c.name)),
    pricelists: pricelists.map((p) => ({
      name: str(p.name),
      currency: m2oName(p.currency_id as never) ?? '?',
    })),
  };
}
