import type { Knex } from 'knex';
import type { MasterData } from '../../domain/order';

interface CustomerRow {
  customer_id: string;
  name: string;
  currency: string;
  street: string | null;
  city: string | null;
  postal_code: string | null;
  country_code: string | null;
}

/** The whole (small) master data, read inside the deciding transaction. */
export async function loadMasterData(db: Knex): Promise<MasterData> {
  // One after the other: inside a transaction they share one connection anyway.
  const uoms = await db('master_uoms').select<Array<{ code: string; fractional: boolean }>>(
    'code',
    'fractional',
  );
  const skus = await db('master_skus')
    .where({ active: true })
    .select<Array<{ sku: string; uom: string; substitution_allowed: boolean }>>(
      'sku',
      'uom',
      'substitution_allowed',
    );
  const customers = await db('master_customers').where({ active: true }).select<CustomerRow[]>('*');
  const warehouses = await db('master_warehouses').select<
    Array<{ code: string; is_default: boolean }>
  >('code', 'is_default');
  return {
    uoms: new Map(uoms.map((u) => [u.code, { fractional: u.fractional }])),
    skus: new Map(
      skus.map((s) => [s.sku, { uom: s.uom, substitutionAllowed: s.substitution_allowed }]),
    ),
    customers: new Map(
      customers.map((c) => [
        c.customer_id,
        {
          currency: c.currency,
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
    warehouses: new Set(warehouses.map((w) => w.code)),
    defaultWarehouse: warehouses.find((w) => w.is_default)?.code ?? '',
  };
}
