import { m2oId, type OdooClient } from '@o2c/odoo-client';
import type { MasterData, ProductRef } from '../../domain/master-data';

interface Options {
  /** Canonical unit code → Odoo uom.uom name. */
  uomNames: ReadonlyMap<string, string>;
  /** The res.partner field customer ids map to (ODOO_CUSTOMER_KEY). */
  customerKey?: 'ref' | 'vat' | 'email';
  refreshMs: number;
  now?: () => number;
}

/** Reads every mapping in one batch of four queries. */
export async function loadMasterData(
  odoo: OdooClient,
  uomNames: ReadonlyMap<string, string>,
  customerKey: 'ref' | 'vat' | 'email' = 'ref',
): Promise<MasterData> {
  const [products, uoms, warehouses, partners] = await Promise.all([
    odoo.searchRead('product.product', [['default_code', '!=', false]], {
      fields: ['default_code', 'uom_id', 'name'],
    }),
    odoo.searchRead('uom.uom', [], { fields: ['name'] }),
    odoo.searchRead('stock.warehouse', [], { fields: ['code'] }),
    odoo.searchRead('res.partner', [[customerKey, '!=', false]], { fields: [customerKey] }),
  ]);
  const refs: ProductRef[] = products.map((p) => ({
    id: p.id,
    sku: String(p.default_code),
    uomId: m2oId(p.uom_id as never) ?? 0,
    name: String(p.name),
  }));
  const uomIdByName = new Map(uoms.map((u) => [String(u.name), u.id]));
  const uomEntries = [...uomNames].flatMap(([code, name]) => {
    const id = uomIdByName.get(name);
    return id === undefined ? [] : [[code, id] as const];
  });
  return {
    products: new Map(refs.map((p) => [p.sku, p])),
    productsById: new Map(refs.map((p) => [p.id, p])),
    uoms: new Map(uomEntries),
    uomCodes: new Map(uomEntries.map(([code, id]) => [id, code])),
    warehouses: new Map(warehouses.map((w) => [String(w.code), w.id])),
    warehouseCodes: new Map(warehouses.map((w) => [w.id, String(w.code)])),
    partners: new Map(partners.map((p) => [String(p[customerKey]), p.id])),
  };
}

/**
 * Master data cached for `refreshMs` and refreshed in one batch; `withMasterData` retries a
 * mapping once on fresh data, so a product created in Odoo a minute ago is found.
 */
export function createMasterDataCache(odoo: OdooClient, options: Options) {
  const now = options.now ?? Date.now;
  let cached: { at: number; data: Promise<MasterData> } | undefined;

  const refresh = () => {
    const data = loadMasterData(odoo, options.uomNames, options.customerKey);
    cached = { at: now(), data };
    data.catch(() => {
      if (cached?.data === data) cached = undefined;
    });
    return data;
  };
  const get = () => (cached && now() - cached.at < options.refreshMs ? cached.data : refresh());

  return {
    get,
    refresh,
    async withMasterData<T>(use: (md: MasterData) => T): Promise<T> {
      try {
        return use(await get());
      } catch (error) {
        if ((error as { name?: string }).name !== 'DomainError') throw error;
        return use(await refresh());
      }
    },
  };
}

export type MasterDataCache = ReturnType<typeof createMasterDataCache>;
