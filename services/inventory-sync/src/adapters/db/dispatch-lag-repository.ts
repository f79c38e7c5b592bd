import type { Knex } from 'knex';
import type { LaggingDispatch } from '../../domain/dispatch-lag';

interface LagRow {
  shipment_id: string;
  sku: string;
  warehouse_code: string;
  quantity: string;
  odoo_write_date: string | null;
  seen_at: string | null;
}

export interface PositionLag extends LaggingDispatch {
  sku: string;
  warehouseCode: string;
}

const toLag = (r: LagRow): PositionLag => ({
  shipmentId: r.shipment_id,
  sku: r.sku,
  warehouseCode: r.warehouse_code,
  quantity: Number(r.quantity),
  validatedAt: r.odoo_write_date === null ? null : Number(r.odoo_write_date),
  seenAt: r.seen_at === null ? null : Number(r.seen_at),
});

const lagRows = (trx: Knex.Transaction) =>
  trx<LagRow>('odoo_lagging_dispatches as d')
    .leftJoin('odoo_validated_shipments as v', 'v.shipment_id', 'd.shipment_id')
    .select(
      'd.shipment_id',
      'd.sku',
      'd.warehouse_code',
      'd.quantity',
      'v.odoo_write_date',
      'v.seen_at',
    );

/** Our dispatches from a position that Odoo's stock may still hold. */
export async function lagOfPosition(trx: Knex.Transaction, sku: string, warehouseCode: string) {
  return (await lagRows(trx).where({ 'd.sku': sku, 'd.warehouse_code': warehouseCode })).map(toLag);
}

export async function lagOfShipment(trx: Knex.Transaction, shipmentId: string) {
  return (await lagRows(trx).where('d.shipment_id', shipmentId)).map(toLag);
}

export async function recordLag(
  trx: Knex.Transaction,
  shipmentId: string,
  items: ReadonlyArray<{ sku: string; warehouseCode: string; quantity: number }>,
) {
  if (items.length === 0) return;
  await trx('odoo_lagging_dispatches')
    .insert(
      items.map((i) => ({
        shipment_id: shipmentId,
        sku: i.sku,
        warehouse_code: i.warehouseCode,
        quantity: i.quantity,
      })),
    )
    .onConflict(['shipment_id', 'sku', 'warehouse_code'])
    .ignore();
}

export async function recordValidation(
  trx: Knex.Transaction,
  shipmentId: string,
  odooWriteDate: number,
  seenAt: number,
) {
  await trx('odoo_validated_shipments')
    .insert({ shipment_id: shipmentId, odoo_write_date: odooWriteDate, seen_at: seenAt })
    .onConflict('shipment_id')
    .ignore();
}

/** Odoo's figure counts these dispatches out: they are no longer kept apart. */
export async function dropLag(
  trx: Knex.Transaction,
  rows: ReadonlyArray<Pick<PositionLag, 'shipmentId' | 'sku' | 'warehouseCode'>>,
) {
  for (const r of rows)
    await trx('odoo_lagging_dispatches')
      .where({ shipment_id: r.shipmentId, sku: r.sku, warehouse_code: r.warehouseCode })
      .delete();
}
