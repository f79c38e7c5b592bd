import { bool, char, int, m2o } from '../orm/fields';
import { allRecs, getRec } from '../orm/records';
import type { Env, ModelDef, Vals } from '../orm/types';
import { createRecords } from '../orm/write';

/** product.pricelist: what decides a sale order's currency. */
export function pricelistModels(): ModelDef[] {
  return [
    {
      name: 'product.pricelist',
      description: 'Pricelist',
      order: 'sequence asc, id asc',
      fields: {
        name: char('Pricelist Name', { required: true }),
        active: bool('Active', { default: true }),
        sequence: int('Sequence', { default: 16 }),
        currency_id: m2o('res.currency', 'Currency', { required: true }),
        company_id: m2o('res.company', 'Company'),
      },
    },
  ];
}

/** The company's currency (USD, like Odoo's demo company), and a EUR pricelist beside the public one. */
export function seedPricelists(env: Env): void {
  const currency = (name: string) =>
    allRecs(env, 'res.currency').find((c) => c.name === name)?.id ?? false;
  createRecords(env, 'product.pricelist', [
    { name: 'Public Pricelist', currency_id: currency('USD'), sequence: 10 },
    { name: 'EUR Pricelist', currency_id: currency('EUR'), sequence: 20 },
  ]);
}

const companyCurrency = (env: Env, companyId: unknown) =>
  getRec(env, 'res.company', typeof companyId === 'number' ? companyId : 1)?.currency_id ?? false;

/**
 * Odoo 17: a sale order without a pricelist gets the partner's (here the first active pricelist
 * of its company or of none), and its currency follows the pricelist (the company's without one).
 */
export function withPricelist(env: Env, vals: Vals): Vals {
  const companyId = vals.company_id ?? 1;
  const pricelistId =
    vals.pricelist_id ??
    allRecs(env, 'product.pricelist')
      .filter((p) => p.active !== false && (!p.company_id || p.company_id === companyId))
      .sort((a, b) => Number(a.sequence) - Number(b.sequence) || a.id - b.id)[0]?.id ??
    false;
  const pricelist =
    typeof pricelistId === 'number' ? getRec(env, 'product.pricelist', pricelistId) : undefined;
  return {
    ...vals,
    pricelist_id: pricelistId,
    currency_id: pricelist?.currency_id ?? companyCurrency(env, companyId),
  };
}
