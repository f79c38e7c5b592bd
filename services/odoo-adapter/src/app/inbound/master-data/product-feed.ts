import type { ProductChanged } from '@o2c/contracts';
import { m2oName } from '@o2c/odoo-client';
import { eventFor } from '@o2c/outbox';
import { odooDateMs, text } from '../../../domain/odoo-values';
import type { ChangeFeed } from '../change-feed';
import { id, unique } from '../stock-totals';
import {
  ACTIVE_OR_ARCHIVED,
  companyOrShared,
  unitCodes,
  type MasterDataOptions,
} from './master-data-options';

/**
 * Goods with an internal reference (the SKU) → ProductChanged. Services are left out: nothing
 * is reserved or shipped for them. The unit and the substitute are re-read by id (a read by id
 * also finds archived records).
 */
export function productFeed(options: MasterDataOptions): ChangeFeed {
  const substitute = options.substituteField;
  const codeOf = unitCodes(options.uomNames);
  return {
    model: 'product.product',
    domain: [
      ACTIVE_OR_ARCHIVED,
      ['default_code', '!=', false],
      ['type', 'not in', ['service', 'combo']],
      ...companyOrShared(options.companyId),
    ],
    fields: [
      'default_code',
      'barcode',
      'name',
      'uom_id',
      'categ_id',
      'active',
      ...(substitute ? [substitute] : []),
    ],
    async toEvents(products, { odoo }) {
      const units = await odoo.read('uom.uom', unique(products.map((p) => id(p.uom_id))), ['name']);
      const unitName = new Map(units.map((u) => [u.id, String(u.name)]));
      const substituteIds = substitute ? unique(products.map((p) => id(p[substitute]))) : [];
      const substitutes = substituteIds.length
        ? await odoo.read('product.product', substituteIds, ['default_code'])
        : [];
      const skuOf = new Map(substitutes.map((s) => [s.id, text(s.default_code)]));
      return products.flatMap((p) => {
        const sku = text(p.default_code);
        const unit = unitName.get(id(p.uom_id) ?? -1);
        if (!sku || !unit) return [];
        const data: ProductChanged = {
          entityKey: `product:${sku}`,
          sku,
          odooProductId: String(p.id),
          name: String(p.name),
          barcode: text(p.barcode),
          uom: codeOf(unit),
          category: m2oName(p.categ_id as never),
          substituteSku: substitute ? (skuOf.get(id(p[substitute]) ?? -1) ?? null) : null,
          active: p.active !== false,
          odooWriteDate: odooDateMs(p.write_date),
        };
        return [eventFor('ProductChanged', data, { correlationId: data.entityKey })];
      });
    },
  };
}
