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

/** The whole (small) master data, read in the deciding transaction so a decision sees one snapshot. */
export async function loadMasterData(db: Knex): Promise<MasterData> {
  const [uoms, skus, customers, warehouses] = await Promise.all([
    db('master_uoms').select<Array<{ code: string; fractional: boolean }>>('code', 'fractional'),
    db('master_skus')
      .where({ active: true })
      .select<Array<{ sku: string; uom: string; substitution_allowed: boolean }>>(
        'sku',
        'uom',
        'substitution_allowed',
      ),
    db('master_customers').where({ active: true }).select<CustomerRow[]>('*'),
    db('master_warehouses').select<Array<{ code: string; is_default: boolean }>>(
      'code',
      'is_default',
    ),
  ]);
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
