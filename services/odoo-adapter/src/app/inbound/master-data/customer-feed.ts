import type { CustomerChanged } from '@o2c/contracts';
import { m2oName } from '@o2c/odoo-client';
import { eventFor } from '@o2c/outbox';
import { odooDateMs, text } from '../../../domain/odoo-values';
import type { ChangeFeed } from '../change-feed';
import { id, unique } from '../stock-totals';
import { ACTIVE_OR_ARCHIVED, companyOrShared, type MasterDataOptions } from './master-data-options';

/**
 * Partners carrying the customer key (ref, VAT or e-mail) → CustomerChanged, invoiced in the
 * currency of their pricelist (Odoo's sale orders take it from there; the company's currency when
 * a partner has none), with the partner's own address as the default delivery address.
 */
export function customerFeed(options: MasterDataOptions): ChangeFeed {
  const key = options.customerKey;
  return {
    model: 'res.partner',
    domain: [ACTIVE_OR_ARCHIVED, [key, '!=', false], ...companyOrShared(options.companyId)],
    fields: [
      'name',
      'ref',
      'vat',
      'email',
      'street',
      'city',
      'zip',
      'country_id',
      'active',
      'property_product_pricelist',
    ],
    async toEvents(partners, { odoo }) {
      const [company] = await odoo.read('res.company', [options.companyId], ['currency_id']);
      const companyCurrency = m2oName(company?.currency_id as never) ?? 'EUR';
      const pricelistIds = unique(partners.map((p) => id(p.property_product_pricelist)));
      const pricelists = pricelistIds.length
        ? await odoo.read('product.pricelist', pricelistIds, ['currency_id'])
        : [];
      const pricelistCurrency = new Map(
        pricelists.map((pl) => [pl.id, m2oName(pl.currency_id as never)]),
      );
      const countries = await odoo.read(
        'res.country',
        unique(partners.map((p) => id(p.country_id))),
        ['code'],
      );
      const countryCode = new Map(countries.map((c) => [c.id, text(c.code)]));
      return partners.flatMap((p) => {
        const customerId = text(p[key]);
        if (!customerId) return [];
        const data: CustomerChanged = {
          entityKey: `customer:${customerId}`,
          customerId,
          odooPartnerId: String(p.id),
          name: String(p.name),
          ref: text(p.ref),
          vat: text(p.vat),
          email: text(p.email),
          currency:
            pricelistCurrency.get(id(p.property_product_pricelist) ?? -1) ?? companyCurrency,
          street: text(p.street),
          city: text(p.city),
          postalCode: text(p.zip),
          countryCode: countryCode.get(id(p.country_id) ?? -1) ?? null,
          active: p.active !== false,
          odooWriteDate: odooDateMs(p.write_date),
        };
        return [eventFor('CustomerChanged', data, { correlationId: data.entityKey })];
      });
    },
  };
}
