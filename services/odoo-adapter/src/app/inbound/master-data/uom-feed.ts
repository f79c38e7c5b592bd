import type { UnitOfMeasureChanged } from '@o2c/contracts';
import { m2oId, m2oName, type OdooRecord } from '@o2c/odoo-client';
import { eventFor } from '@o2c/outbox';
import { odooDateMs } from '../../../domain/odoo-values';
import { toCanonicalUnits, type OdooUnit } from '../../../domain/unit-catalogue';
import type { ChangeFeed } from '../change-feed';
import { ACTIVE_OR_ARCHIVED, unitCodes, type MasterDataOptions } from './master-data-options';

const LEGACY_FIELDS = ['name', 'rounding', 'active', 'category_id', 'factor', 'uom_type'];
const RELATIVE_FIELDS = ['name', 'rounding', 'active', 'relative_uom_id', 'factor'];

const toUnit =
  (legacy: boolean) =>
  (u: OdooRecord): OdooUnit => ({
    id: u.id,
    name: String(u.name),
    rounding: Number(u.rounding ?? 0.01),
    active: u.active !== false,
    ...(legacy
      ? {
          category: m2oName(u.category_id as never) ?? '',
          ratio: Number(u.factor ?? 1),
          isReference: u.uom_type === 'reference',
        }
      : { parentId: m2oId(u.relative_uom_id as never), absoluteFactor: Number(u.factor ?? 1) }),
  });

/**
 * Units of measure → UnitOfMeasureChanged. A unit's factor and reference depend on the other
 * units of its category, so all units (a few dozen) are read to place the changed ones.
 */
export function uomFeed(options: MasterDataOptions): ChangeFeed {
  const codeOf = unitCodes(options.uomNames);
  return {
    model: 'uom.uom',
    domain: [ACTIVE_OR_ARCHIVED],
    fields: ['name', 'factor', 'rounding', 'active'],
    async toEvents(changed, { odoo, profile }) {
      const legacy = (await profile()).major <= 18;
      const all = await odoo.searchRead('uom.uom', [ACTIVE_OR_ARCHIVED], {
        fields: legacy ? LEGACY_FIELDS : RELATIVE_FIELDS,
      });
      const writeDate = new Map(changed.map((u) => [u.id, odooDateMs(u.write_date)]));
      return toCanonicalUnits(all.map(toUnit(legacy)), codeOf).flatMap((u) => {
        const at = writeDate.get(u.odooId);
        if (at === undefined) return [];
        const data: UnitOfMeasureChanged = {
          entityKey: `uom:${u.code}`,
          code: u.code,
          odooUomId: String(u.odooId),
          name: u.name,
          category: u.category,
          referenceUom: u.referenceUom,
          factor: u.factor,
          rounding: u.rounding,
          fractional: u.fractional,
          active: u.active,
          odooWriteDate: at,
        };
        return [eventFor('UnitOfMeasureChanged', data, { correlationId: data.entityKey })];
      });
    },
  };
}
