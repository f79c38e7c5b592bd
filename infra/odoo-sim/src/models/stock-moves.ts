import { bool, char, datetime, float, m2o, sel, when } from '../orm/fields';
import { displayName, getRec } from '../orm/records';
import type { Env, ModelDef } from '../orm/types';
import type { VersionProfile } from '../version';
import { moveReserved } from '../flows/reserve';
import { applyInventory } from '../flows/inventory';
import { syncLineFromMove, syncMoveFromLines } from '../flows/move-lines';
import { o2m } from '../orm/fields';

const MOVE_STATES: [string, string][] = [
  ['draft', 'New'],
  ['waiting', 'Waiting Another Move'],
  ['confirmed', 'Waiting Availability'],
  ['partially_available', 'Partially Available'],
  ['assigned', 'Available'],
  ['done', 'Done'],
  ['cancel', 'Cancelled'],
];

export function stockMoveModels(p: VersionProfile): ModelDef[] {
  return [
    {
      name: 'stock.move',
      description: 'Stock Move',
      order: 'sequence, id',
      fields: {
        name: char('Description', { required: true }),
        sequence: { type: 'integer', string: 'Sequence', default: 10 },
        product_id: m2o('product.product', 'Product', { required: true }),
        product_uom_qty: float('Demand', { required: true, default: 0 }),
        product_qty: float('Real Quantity', { compute: (_e, rec) => rec.product_uom_qty }),
        product_uom: m2o('uom.uom', 'UoM', { required: true, default: 1 }),
        ...when(p.moveQtyField === 'quantity', {
          quantity: float('Quantity'),
          picked: bool('Picked', { default: false }),
        }),
        ...when(p.moveQtyField === 'quantity_done', {
          quantity_done: float('Quantity Done'),
          reserved_availability: float('Quantity Reserved', {
            compute: (env, rec) => moveReserved(env, rec),
          }),
        }),
        location_id: m2o('stock.location', 'Source Location', { required: true }),
        location_dest_id: m2o('stock.location', 'Destination Location', { required: true }),
        picking_id: m2o('stock.picking', 'Transfer'),
        move_line_ids: o2m('stock.move.line', 'move_id', 'Move Lines'),
        picking_type_id: m2o('stock.picking.type', 'Operation Type'),
        partner_id: m2o('res.partner', 'Destination Address'),
        sale_line_id: m2o('sale.order.line', 'Sale Line'),
        origin_returned_move_id: m2o('stock.move', 'Origin return move'),
        purchase_line_id: m2o('purchase.order.line', 'Purchase Order Line'),
        origin: char('Source Document'),
        date: datetime('Date Scheduled'),
        date_deadline: datetime('Deadline'),
        state: sel(MOVE_STATES, 'Status', { default: 'draft', readonly: true }),
        company_id: m2o('res.company', 'Company', { default: 1 }),
      },
      afterWrite: (env, ids, vals) => {
        if (!['quantity', 'quantity_done', 'picked'].some((f) => f in vals)) return;
        for (const id of ids) {
          const move = getRec(env, 'stock.move', id);
          if (move) syncLineFromMove(env, move);
        }
      },
      prepare: (env, vals) => ({
        ...pickingDefaults(env, vals.picking_id),
        date: env.now,
        name: vals.name ?? productLabel(env, vals.product_id),
        ...vals,
      }),
    },
    {
      name: 'stock.quant',
      description: 'Quants',
      order: 'id',
      fields: {
        product_id: m2o('product.product', 'Product', { required: true }),
        location_id: m2o('stock.location', 'Location', { required: true }),
        lot_id: m2o('stock.lot', 'Lot/Serial Number'),
        package_id: m2o('stock.quant.package', 'Package'),
        quantity: float('Quantity', { readonly: true }),
        reserved_quantity: float('Reserved Quantity', { readonly: true }),
        available_quantity: float('Available Quantity', {
          compute: (_e, rec) => (rec.quantity as number) - (rec.reserved_quantity as number),
        }),
        inventory_quantity: float('Counted Quantity'),
        inventory_quantity_set: bool('Inventory Quantity Set'),
        inventory_diff_quantity: float('Difference', {
          compute: (_e, rec) =>
            rec.inventory_quantity_set
              ? (rec.inventory_quantity as number) - (rec.quantity as number)
              : 0,
        }),
        warehouse_id: m2o('stock.warehouse', 'Warehouse', { related: 'location_id.warehouse_id' }),
        // Odoo: related to the location's company (stored), so a quant is in its location's company
        company_id: m2o('res.company', 'Company', { related: 'location_id.company_id' }),
      },
      prepare: (_env, vals) => ({
        quantity: 0,
        reserved_quantity: 0,
        ...vals,
        ...('inventory_quantity' in vals ? { inventory_quantity_set: true } : {}),
      }),
      afterWrite: (env, ids, vals) => {
        if ('inventory_quantity' in vals)
          ids.forEach((id) =>
            Object.assign(getRec(env, 'stock.quant', id) ?? {}, { inventory_quantity_set: true }),
          );
      },
      methods: {
        action_apply_inventory: { params: [], run: (env, ids) => void applyInventory(env, ids) },
      },
    },
  ];
}

function productLabel(env: Parameters<NonNullable<ModelDef['prepare']>>[0], id: unknown): string {
  const rec = typeof id === 'number' ? getRec(env, 'product.product', id) : undefined;
  return rec ? displayName(env, 'product.product', rec.id) : 'New';
}

/** A move created inside a picking takes the picking's locations and type (the form's onchange). */
function pickingDefaults(env: Env, pickingId: unknown): Record<string, unknown> {
  const picking =
    typeof pickingId === 'number' ? getRec(env, 'stock.picking', pickingId) : undefined;
  if (!picking) return {};
  return {
    location_id: picking.location_id,
    location_dest_id: picking.location_dest_id,
    picking_type_id: picking.picking_type_id,
    partner_id: picking.partner_id,
    origin: picking.origin,
  };
}

export function moveLineModel(p: VersionProfile): ModelDef {
  return {
    name: 'stock.move.line',
    description: 'Product Moves (Stock Move Line)',
    order: 'result_package_id desc, id',
    fields: {
      move_id: m2o('stock.move', 'Stock Operation', { required: true, ondelete: 'cascade' }),
      picking_id: m2o('stock.picking', 'Transfer', { related: 'move_id.picking_id' }),
      product_id: m2o('product.product', 'Product', { related: 'move_id.product_id' }),
      product_uom_id: m2o('uom.uom', 'Unit of Measure', { related: 'move_id.product_uom' }),
      location_id: m2o('stock.location', 'From', { related: 'move_id.location_id' }),
      location_dest_id: m2o('stock.location', 'To', { related: 'move_id.location_dest_id' }),
      lot_id: m2o('stock.lot', 'Lot/Serial Number'),
      result_package_id: m2o('stock.quant.package', 'Destination Package'),
      state: sel(MOVE_STATES, 'Status', { related: 'move_id.state' }),
      ...when(p.moveQtyField === 'quantity', {
        quantity: float('Quantity'),
        picked: bool('Picked'),
      }),
      ...when(p.moveQtyField === 'quantity_done', {
        qty_done: float('Quantity Done'),
        reserved_uom_qty: float('Reserved', {
          compute: (env, rec) => {
            const move = getRec(env, 'stock.move', rec.move_id as number);
            return move && move.state !== 'done' ? moveReserved(env, move) : 0;
          },
        }),
      }),
    },
    afterCreate: (env, id) => syncMoveFromLines(env, [id]),
    afterWrite: (env, ids) => syncMoveFromLines(env, ids),
  };
}
