import { buildCatalogue } from '../src/domain/catalogue';
import { simMasterData } from '@o2c/testing';

/** The simulator's products and units as the catalogue holds them once odoo.master-data is read. */
export const simCatalogue = buildCatalogue(
  simMasterData.flatMap((e) =>
    e.type === 'ProductChanged'
      ? [{ sku: e.data.sku, uom: e.data.uom, substitute: e.data.substituteSku, active: true }]
      : [],
  ),
  simMasterData.flatMap((e) => (e.type === 'UnitOfMeasureChanged' ? [e.data] : [])),
);
