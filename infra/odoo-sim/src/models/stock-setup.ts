import { bool, char, int, m2o, o2m, sel } from '../orm/fields';
import { allRecs, getRec } from '../orm/records';
import type { Env, ModelDef, Rec } from '../orm/types';

function locationName(env: Env, rec: Rec): string {
  const parent =
    typeof rec.location_id === 'number'
      ? getRec(env, 'stock.location', rec.location_id)
      : undefined;
  if (!parent || rec.usage === 'view') return String(rec.name);
  return `${locationName(env, parent)}/${String(rec.name)}`;
}

function locationWarehouse(env: Env, rec: Rec): number | false {
  for (const wh of allRecs(env, 'stock.warehouse')) {
    let current: Rec | undefined = rec;
    while (current) {
      if (current.id === wh.view_location_id) return wh.id;
      current =
        typeof current.location_id === 'number'
          ? getRec(env, 'stock.location', current.location_id)
          : undefined;
    }
  }
  return false;
}

export function stockSetupModels(): ModelDef[] {
  return [
    {
      name: 'stock.warehouse',
      description: 'Warehouse',
      order: 'sequence,id',
      fields: {
        name: char('Warehouse', { required: true }),
        code: char('Short Name', { required: true }),
        sequence: int('Sequence', { default: 10 }),
        active: bool('Active', { default: true }),
        company_id: m2o('res.company', 'Company', { default: 1 }),
        partner_id: m2o('res.partner', 'Address'),
        view_location_id: m2o('stock.location', 'View Location'),
        lot_stock_id: m2o('stock.location', 'Location Stock'),
        in_type_id: m2o('stock.picking.type', 'In Type'),
        out_type_id: m2o('stock.picking.type', 'Out Type'),
        // Only 'ship_only' is simulated: the other values are stored, the flows stay one-step.
        delivery_steps: sel(
          [
            ['ship_only', 'Deliver goods directly (1 step)'],
            ['pick_ship', 'Send goods in output and then deliver (2 steps)'],
            ['pick_pack_ship', 'Pack goods, send goods in output and then deliver (3 steps)'],
          ],
          'Outgoing Shipments',
          { default: 'ship_only', required: true },
        ),
      },
    },
    {
      name: 'stock.location',
      description: 'Inventory Locations',
      order: 'complete_name, id',
      displayName: (env, rec) => locationName(env, rec),
      fields: {
        name: char('Location Name', { required: true }),
        complete_name: char('Full Location Name', {
          compute: (env, rec) => locationName(env, rec),
        }),
        active: bool('Active', { default: true }),
        usage: sel(
          [
            ['supplier', 'Vendor Location'],
            ['view', 'View'],
            ['internal', 'Internal Location'],
            ['customer', 'Customer Location'],
            ['inventory', 'Inventory Loss'],
            ['production', 'Production'],
            ['transit', 'Transit Location'],
          ],
          'Location Type',
          { default: 'internal', required: true },
        ),
        location_id: m2o('stock.location', 'Parent Location'),
        child_ids: o2m('stock.location', 'location_id', 'Contains'),
        warehouse_id: m2o('stock.warehouse', 'Warehouse', {
          compute: (env, rec) => locationWarehouse(env, rec),
        }),
        barcode: char('Barcode'),
        company_id: m2o('res.company', 'Company', { default: 1 }),
      },
    },
    {
      name: 'stock.picking.type',
      description: 'Picking Type',
      order: 'sequence, id',
      displayName: (env, rec) => {
        const wh =
          typeof rec.warehouse_id === 'number'
            ? getRec(env, 'stock.warehouse', rec.warehouse_id)
            : undefined;
        return wh ? `${String(wh.name)}: ${String(rec.name)}` : String(rec.name);
      },
      fields: {
        name: char('Operation Type', { required: true }),
        code: sel(
          [
            ['incoming', 'Receipt'],
            ['outgoing', 'Delivery'],
            ['internal', 'Internal Transfer'],
          ],
          'Type of Operation',
          { required: true },
        ),
        sequence: int('Sequence', { default: 10 }),
        sequence_code: char('Sequence Prefix', { required: true }),
        warehouse_id: m2o('stock.warehouse', 'Warehouse'),
        default_location_src_id: m2o('stock.location', 'Default Source Location'),
        default_location_dest_id: m2o('stock.location', 'Default Destination Location'),
        reservation_method: sel(
          [
            ['at_confirm', 'At Confirmation'],
            ['manual', 'Manually'],
            ['by_date', 'Before scheduled date'],
          ],
          'Reservation Method',
          { default: 'at_confirm' },
        ),
        active: bool('Active', { default: true }),
      },
    },
    {
      name: 'delivery.carrier',
      description: 'Shipping Methods',
      order: 'sequence, id',
      fields: {
        name: char('Delivery Method', { required: true }),
        sequence: int('Sequence', { default: 10 }),
        delivery_type: sel(
          [
            ['fixed', 'Fixed Price'],
            ['base_on_rule', 'Based on Rules'],
          ],
          'Provider',
          { default: 'fixed' },
        ),
        product_id: m2o('product.product', 'Delivery Product', { required: true }),
        fixed_price: { type: 'float', string: 'Fixed Price' },
        tracking_url: char('Tracking Link'),
        active: bool('Active', { default: true }),
      },
    },
    {
      name: 'stock.lot',
      description: 'Lot/Serial',
      order: 'name, id',
      fields: {
        name: char('Lot/Serial Number', { required: true }),
        product_id: m2o('product.product', 'Product', { required: true }),
      },
    },
    {
      name: 'stock.quant.package',
      description: 'Packages',
      order: 'name',
      fields: { name: char('Package Reference', { required: true }) },
    },
  ];
}
