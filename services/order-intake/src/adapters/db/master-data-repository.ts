import type { Knex } from 'knex';
import {
  referencedCodes,
  type ChannelAliases,
  type MasterData,
  type SubmitOrder,
} from '../../domain/order';
import { loadAliases } from './alias-repository';

interface CustomerRow {
  customer_id: string;
  name: string;
  currency: string;
  street: string | null;
  city: string | null;
  postal_code: string | null;
  country_code: string | null;
  active: boolean;
}

/**
 * The master data one order refers to (its SKUs and customer, through its channel's aliases),
 * plus the few units and warehouses; read inside the deciding transaction. A catalogue of tens
 * of thousands of products is never loaded whole. `aliases` given (none, for an order already in
 * Odoo's codes) replace the channel's.
 */
export async function loadMasterData(
  db: Knex,
  order: SubmitOrder['data'],
  given?: ChannelAliases,
): Promise<MasterData> {
  // One after the other: inside a transaction they share one connection anyway.
  const aliases = given ?? (await loadAliases(db, order));
  const codes = referencedCodes(order, aliases);
  const uoms = await db('master_uoms').select<Array<{ code: string; fractional: boolean }>>(
    'code',
    'fractional',
  );
  const skus = await db('master_skus')
    .whereIn('sku', codes.skus)
    .select<Array<{ sku: string; uom: string; substitution_allowed: boolean; active: boolean }>>(
      'sku',
      'uom',
      'substitution_allowed',
      'active',
    );
  const customers = await db('master_customers')
    .whereIn('customer_id', codes.customers)
    .select<CustomerRow[]>('*');
  const warehouses = await db('master_warehouses')
    .orderBy([{ column: 'active', order: 'desc' }, 'sequence', 'code'])
    .select<Array<{ code: string; active: boolean }>>('code', 'active');
  return {
    uoms: new Map(uoms.map((u) => [u.code, { fractional: u.fractional }])),
    skus: new Map(
      skus.map((s) => [
        s.sku,
        { uom: s.uom, substitutionAllowed: s.substitution_allowed, active: s.active },
      ]),
    ),
    customers: new Map(
      customers.map((c) => [
        c.customer_id,
        {
          currency: c.currency,
          active: c.active,
          defaultShipTo: {
            name: c.name,
            street: c.street,
            city: c.city,
            postalCode: c.postal_code,
            countryCode: c.country_code,
          },
        },
      ]),
    ),
    warehouses: new Map(warehouses.map((w) => [w.code, { active: w.active }])),
    defaultWarehouse: warehouses.find((w) => w.active)?.code ?? '',
    aliases,
  };
}
