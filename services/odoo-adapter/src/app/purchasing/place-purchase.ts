import { eventFor } from '@o2c/outbox';
import type { OdooClient } from '@o2c/odoo-client';
import { productOf, uomOf, warehouseOf } from '../../domain/master-data';
import { toOdooDate } from '../../domain/poll-window';
import {
  markFailed,
  markPlaced,
  placementFailed,
  proposalsOf,
  type PurchaseRow,
} from '../../adapters/db/purchase-ledger';
import {
  datePlannedOf,
  purchaseLinesOf,
  backoffMs,
  type PlacedLine,
} from '../../domain/purchase-lines';
import { messageOf, permanentCode, PurchaseRefusal, type PurchasingDeps } from './purchasing-deps';

interface PurchaseOrderRow {
  id: number;
  name: string;
  state: string;
  [field: string]: unknown;
}

/** Our purchase id is the purchase order's origin: looked up before any create. */
export async function findPurchaseOrder(odoo: OdooClient, purchaseId: string) {
  const [found] = await odoo.searchRead<PurchaseOrderRow>(
    'purchase.order',
    [['origin', '=', purchaseId]],
    { fields: ['name', 'state', 'date_planned'], order: 'id asc', limit: 1 },
  );
  return found;
}

const one = async (odoo: OdooClient, model: string, domain: unknown[], order = 'id asc') =>
  (await odoo.searchRead(model, domain, { fields: ['id'], order, limit: 1 }))[0]?.id;

async function createPurchaseOrder(
  batch: PurchaseRow,
  lines: PlacedLine[],
  datePlanned: number,
  deps: PurchasingDeps,
) {
  const { odoo } = deps;
  const partnerId = await one(
    odoo,
    'res.partner',
    [['ref', '=', batch.supplier_code]],
    'supplier_rank desc, id asc',
  );
  if (partnerId === undefined)
    throw new PurchaseRefusal(
      'UNKNOWN_SUPPLIER',
      `supplier '${batch.supplier_code}' is not known in Odoo (no res.partner with ref ${batch.supplier_code})`,
    );
  const currencyId = await one(odoo, 'res.currency', [['name', '=', batch.currency]]);
  if (currencyId === undefined)
    throw new PurchaseRefusal(
      'UNKNOWN_CURRENCY',
      `currency ${batch.currency} is not active in Odoo`,
    );
  const { saleLineUomField: uomField } = await deps.profile();
  const { warehouseId, orderLines } = await deps.masterData.withMasterData((md) => ({
    warehouseId: warehouseOf(md, batch.warehouse_code),
    orderLines: lines.map((l) => {
      const product = productOf(md, l.sku);
      return [
        0,
        0,
        {
          product_id: product.id,
          product_qty: l.quantity,
          [uomField]: uomOf(md, l.uom),
          price_unit: l.unitPriceMinor / 100,
          date_planned: toOdooDate(datePlanned),
          name: `[${l.sku}] ${product.name}`,
        },
      ];
    }),
  }));
  const pickingTypeId = await one(odoo, 'stock.picking.type', [
    ['code', '=', 'incoming'],
    ['warehouse_id', '=', warehouseId],
  ]);
  if (pickingTypeId === undefined)
    throw new PurchaseRefusal(
      'NO_INCOMING_TYPE',
      `warehouse ${batch.warehouse_code} has no incoming operation type in Odoo`,
    );
  await odoo.create('purchase.order', {
    partner_id: partnerId,
    origin: batch.purchase_id,
    picking_type_id: pickingTypeId,
    date_planned: toOdooDate(datePlanned),
    currency_id: currencyId,
    order_line: orderLines,
  });
}

/**
 * Places one closed batch: the purchase order is looked up by its origin first (a retry after a
 * create whose commit here failed finds it), created with its lines in lineNo order otherwise,
 * confirmed while it is an RFQ; then PLACED and PurchaseOrderPlaced commit together. Odoo down:
 * retried later with back-off. A refusal no retry can fix: FAILED and OdooSyncFailed.
 */
export async function placePurchase(batch: PurchaseRow, deps: PurchasingDeps): Promise<void> {
  const { odoo, db } = deps;
  const proposals = (await proposalsOf(db, batch.purchase_id)).map((p) => ({
    proposalId: p.proposal_id,
    sku: p.sku,
    uom: p.uom,
    quantity: p.quantity,
    unitCostMinor: Number(p.unit_cost_minor),
    neededBy: p.needed_by.getTime(),
  }));
  const lines = purchaseLinesOf(proposals);
  const datePlanned = datePlannedOf(proposals);
  try {
    let po = await findPurchaseOrder(odoo, batch.purchase_id);
    if (!po) {
      await createPurchaseOrder(batch, lines, datePlanned, deps);
      po = await findPurchaseOrder(odoo, batch.purchase_id);
      if (!po)
        throw new Error(`purchase order ${batch.purchase_id} not found right after creating it`);
    }
    if (po.state === 'draft' || po.state === 'sent')
      await odoo.call('purchase.order', 'button_confirm', { ids: [po.id] });
    const placedAt = Date.now();
    const placed = { odooId: po.id, odooReference: po.name, lines, datePlanned, placedAt };
    await db.transaction(async (trx) => {
      if (!(await markPlaced(trx, batch.purchase_id, placed))) return;
      await deps.outbox.append(trx, [
        eventFor(
          'PurchaseOrderPlaced',
          {
            purchaseId: batch.purchase_id,
            odooPurchaseId: String(po.id),
            odooReference: po.name,
            supplierCode: batch.supplier_code,
            warehouseCode: batch.warehouse_code,
            currency: batch.currency,
            lines,
            datePlanned,
            placedAt,
          },
          { correlationId: batch.purchase_id, topicPrefix: deps.topicPrefix },
        ),
      ]);
    });
    deps.metrics.placed();
    deps.logger.info(
      { purchaseId: batch.purchase_id, odoo: { id: po.id, name: po.name }, lines: lines.length },
      'purchase order placed in Odoo',
    );
    if (!deps.supplierUrl) {
      deps.metrics.delivery('not-configured');
      deps.logger.warn(
        { purchaseId: batch.purchase_id },
        'SUPPLIER_URL is not set: the purchase order is not sent to the supplier',
      );
    }
  } catch (error) {
    const code = permanentCode(error);
    if (code) return failPurchase(batch, code, messageOf(error), deps);
    const delay = backoffMs(deps.retryBaseMs, batch.attempts);
    await placementFailed(db, batch.purchase_id, messageOf(error), delay);
    deps.logger.warn(
      { err: error, purchaseId: batch.purchase_id, attempts: batch.attempts + 1, retryInMs: delay },
      'placing the purchase order failed; retried',
    );
  }
}

async function failPurchase(
  batch: PurchaseRow,
  code: string,
  message: string,
  deps: PurchasingDeps,
) {
  await deps.db.transaction(async (trx) => {
    if (!(await markFailed(trx, batch.purchase_id, message))) return;
    await deps.outbox.append(trx, [
      eventFor(
        'OdooSyncFailed',
        {
          aggregateId: batch.purchase_id,
          orderId: null,
          operation: 'PLACE_PURCHASE_ORDER',
          odooModel: 'purchase.order',
          externalRef: batch.purchase_id,
          errorCode: code,
          message,
          attempts: batch.attempts + 1,
          retryable: false,
          sourceEventId: null,
          failedAt: Date.now(),
        },
        { correlationId: batch.purchase_id, topicPrefix: deps.topicPrefix },
      ),
    ]);
  });
  deps.logger.error(
    { purchaseId: batch.purchase_id, errorCode: code, reason: message },
    'purchase order cannot be placed; batch FAILED, OdooSyncFailed published',
  );
}

/** An order's purchase lines with their dates, by lineNo (a line's number is its rank by id). */
export async function linesOf(
  odoo: OdooClient,
  orderId: number,
): Promise<Array<{ id: number; date_planned: string | false }>> {
  return odoo.searchRead('purchase.order.line', [['order_id', '=', orderId]], {
    fields: ['date_planned'],
    order: 'id asc',
  });
}
