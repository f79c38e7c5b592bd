import { bool, char, datetime, m2m, m2o, o2m, sel } from '../orm/fields';
import { getRec, idsBy, nextSequence, pad, str } from '../orm/records';
import type { Env, ModelDef, Vals } from '../orm/types';
import type { VersionProfile } from '../version';
import {
  assignPickings,
  moveReserved,
  pickingMoves,
  syncPickingState,
  unreserveMove,
} from '../flows/reserve';
import { buttonValidate, validateFromWizard } from '../flows/validate';
import { confirmStockSmsModel } from './stock-sms';
import { userError } from '../errors';
import { writeRecords } from '../orm/write';
import { syncLineFromMove } from '../flows/move-lines';

function pickingName(env: Env, vals: Vals): string {
  const type = getRec(env, 'stock.picking.type', vals.picking_type_id as number);
  const wh = type ? getRec(env, 'stock.warehouse', type.warehouse_id as number) : undefined;
  const prefix = `${str(wh?.code ?? 'WH')}/${str(type?.sequence_code ?? 'INT')}`;
  return `${prefix}/${pad(nextSequence(env, prefix))}`;
}

function preparePicking(env: Env, vals: Vals): Vals {
  const type = getRec(env, 'stock.picking.type', vals.picking_type_id as number);
  return {
    location_id: type?.default_location_src_id ?? false,
    location_dest_id: type?.default_location_dest_id ?? false,
    scheduled_date: env.now,
    ...vals,
    name: typeof vals.name === 'string' && vals.name !== '/' ? vals.name : pickingName(env, vals),
  };
}

export function stockPickingModels(p: VersionProfile): ModelDef[] {
  const wizardFields = {
    pick_ids: m2m('stock.picking', 'Pick'),
    show_transfers: bool('Show Transfers'),
  };
  const models: ModelDef[] = [
    {
      name: 'stock.picking',
      description: 'Transfer',
      order: 'priority desc, scheduled_date asc, id desc',
      fields: {
        name: char('Reference', { default: '/' }),
        origin: char('Source Document'),
        priority: sel(
          [
            ['0', 'Normal'],
            ['1', 'Urgent'],
          ],
          'Priority',
          { default: '0' },
        ),
        state: sel(
          [
            ['draft', 'Draft'],
            ['waiting', 'Waiting Another Operation'],
            ['confirmed', 'Waiting'],
            ['assigned', 'Ready'],
            ['done', 'Done'],
            ['cancel', 'Cancelled'],
          ],
          'Status',
          { default: 'draft', readonly: true },
        ),
        picking_type_id: m2o('stock.picking.type', 'Operation Type', { required: true }),
        picking_type_code: sel(
          [
            ['incoming', 'Receipt'],
            ['outgoing', 'Delivery'],
            ['internal', 'Internal Transfer'],
          ],
          'Type of Operation',
          { related: 'picking_type_id.code' },
        ),
        partner_id: m2o('res.partner', 'Contact'),
        location_id: m2o('stock.location', 'Source Location', { required: true }),
        location_dest_id: m2o('stock.location', 'Destination Location', { required: true }),
        scheduled_date: datetime('Scheduled Date'),
        date_deadline: datetime('Deadline'),
        date_done: datetime('Date of Transfer'),
        move_ids: o2m('stock.move', 'picking_id', 'Stock Moves'),
        move_line_ids: o2m('stock.move.line', 'picking_id', 'Operations', {
          compute: (env, rec) => pickingLines(env, rec.id),
        }),
        move_ids_without_package: o2m('stock.move', 'picking_id', 'Stock moves not in package'),
        backorder_id: m2o('stock.picking', 'Back Order of'),
        return_id: m2o('stock.picking', 'Return of'),
        return_ids: o2m('stock.picking', 'return_id', 'Returns'),
        backorder_ids: o2m('stock.picking', 'backorder_id', 'Back Orders'),
        sale_id: m2o('sale.order', 'Sales Order'),
        purchase_id: m2o('purchase.order', 'Purchase Orders'),
        carrier_id: m2o('delivery.carrier', 'Carrier'),
        // stock_delivery's field: a database without that module answers "Invalid field".
        ...(p.modules.has('stock_delivery')
          ? { carrier_tracking_ref: char('Tracking Reference') }
          : {}),
        company_id: m2o('res.company', 'Company', { default: 1 }),
      },
      prepare: preparePicking,
      methods: {
        action_confirm: {
          params: [],
          run: (env, ids) => {
            for (const id of ids)
              for (const m of pickingMoves(env, id)) if (m.state === 'draft') m.state = 'confirmed';
            assignPickings(env, ids);
            return true;
          },
        },
        action_assign: { params: [], run: (env, ids) => (assignPickings(env, ids), true) },
        button_validate: { params: [], run: (env, ids) => buttonValidate(env, ids) },
        action_cancel: {
          params: [],
          run: (env, ids) => {
            for (const id of ids) {
              // stock.move._action_cancel: the reservation is released first
              for (const m of pickingMoves(env, id))
                if (m.state !== 'done' && m.state !== 'cancel') {
                  unreserveMove(env, m);
                  writeRecords(env, 'stock.move', [m.id], { state: 'cancel' });
                }
              syncPickingState(env, id);
            }
            return true;
          },
        },
      },
      beforeUnlink: (env, ids) => {
        if (ids.some((id) => getRec(env, 'stock.picking', id)?.state === 'done'))
          throw userError('You cannot delete a done transfer.');
      },
    },
    {
      name: 'stock.backorder.confirmation',
      description: 'Backorder Confirmation',
      order: 'id',
      transient: true,
      fields: wizardFields,
      methods: {
        process: { params: [], run: (env) => validateFromWizard(env, { skip_backorder: true }) },
        process_cancel_backorder: {
          params: [],
          run: (env, ids) => {
            const picks = ids.flatMap(
              (id) =>
                (getRec(env, 'stock.backorder.confirmation', id)?.pick_ids as
                  number[] | undefined) ?? [],
            );
            return validateFromWizard(env, {
              skip_backorder: true,
              picking_ids_not_to_backorder: picks,
            });
          },
        },
      },
    },
  ];
  if (p.modules.has('stock_sms')) models.push(confirmStockSmsModel());
  if (p.hasImmediateTransfer) {
    models.push({
      name: 'stock.immediate.transfer',
      description: 'Immediate Transfer',
      order: 'id',
      transient: true,
      fields: wizardFields,
      methods: {
        process: {
          params: [],
          run: (env, ids) => {
            const picks = ids.flatMap(
              (id) =>
                (getRec(env, 'stock.immediate.transfer', id)?.pick_ids as number[] | undefined) ??
                [],
            );
            for (const pick of picks) {
              for (const m of pickingMoves(env, pick))
                if (m.state !== 'done' && m.state !== 'cancel') {
                  m.quantity_done = moveReserved(env, m);
                  syncLineFromMove(env, m);
                }
            }
            return validateFromWizard(env, { skip_immediate: true });
          },
        },
      },
    });
  }
  return models;
}

function pickingLines(env: Env, pickingId: number): number[] {
  return idsBy(env, 'stock.move', 'picking_id', pickingId).flatMap((move) =>
    idsBy(env, 'stock.move.line', 'move_id', move),
  );
}
