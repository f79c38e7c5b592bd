import { type OdooClient } from '@o2c/odoo-client';
import { DomainError } from '../../domain/errors';

/** Currency code → product.pricelist id. */
export type PricelistOf = (currency: string) => Promise<number>;

/**
 * The pricelist a sale order in `currency` is created with: Odoo takes the order's currency from
 * its pricelist (the company's currency without one). Configured ids win; otherwise the first
 * active pricelist in that currency of the company (or of none) found in Odoo (remembered). No pricelist for the
 * currency is a refusal: an order in the company's currency instead of ours would be wrong money.
 */
export function createPricelistLookup(
  odoo: OdooClient,
  configured: ReadonlyMap<string, number> | undefined,
  companyId: number,
): PricelistOf {
  const found = new Map<string, number>();
  const refuse = (currency: string, where: string) =>
    new DomainError(
      'ODOO_NO_PRICELIST_FOR_CURRENCY',
      `no Odoo pricelist for currency ${currency} (${where}): the sale order would be in another currency`,
    );
  return async (currency) => {
    if (configured) {
      const id = configured.get(currency);
      if (id === undefined) throw refuse(currency, 'ODOO_PRICELISTS');
      return id;
    }
    const known = found.get(currency);
    if (known !== undefined) return known;
    const [pricelist] = await odoo.searchRead(
      'product.pricelist',
      [
        ['currency_id.name', '=', currency],
        ['company_id', 'in', [companyId, false]],
      ],
      { fields: ['name'], order: 'sequence asc, id asc', limit: 1 },
    );
    if (!pricelist) throw refuse(currency, 'none in Odoo');
    found.set(currency, pricelist.id);
    return pricelist.id;
  };
}
