import { commands, m2oId, type OdooClient, type OdooRecord } from '@o2c/odoo-client';

/**
 * What a warehouse clerk and an accountant do in Odoo for our purchases, through its external API
 * as their clicks would: the clerk counts what arrived on the open receipt and validates it, the
 * accountant creates the vendor bill from the purchase order and corrects it. Works on the
 * simulator and on a real Odoo (16 counts in `quantity_done`, 17+ in `quantity` + `picked`).
 */

interface PurchaseOrder extends OdooRecord {
  name: string;
}

interface Move extends OdooRecord {
  product_id: [number, string];
  product_uom_qty: number;
}

interface WizardAction {
  type?: string;
  res_model?: string;
  context?: Record<string, unknown>;
}

export interface ReceiptResult {
  pickingId: number;
  /** The receipt Odoo opened for what did not arrive (backorder: true and something missing). */
  backorderId?: number;
}

export interface BillOverride {
  quantity?: number;
  priceUnit?: number;
}

async function purchaseOrder(odoo: OdooClient, purchaseId: string): Promise<PurchaseOrder> {
  const [order] = await odoo.searchRead<PurchaseOrder>(
    'purchase.order',
    [['origin', '=', purchaseId]],
    { fields: ['name'], order: 'id asc', limit: 1 },
  );
  if (!order) throw new Error(`no purchase order in Odoo for ${purchaseId}`);
  return order;
}

/** SKU (default_code) of each product id. */
async function skus(odoo: OdooClient, productIds: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(productIds)];
  const rows = unique.length
    ? await odoo.read('product.product', unique, ['default_code'], {
        context: { active_test: false },
      })
    : [];
  return new Map(rows.map((r) => [r.id, typeof r.default_code === 'string' ? r.default_code : '']));
}

/** Spreads a product's received quantity over its moves in order; the last one takes any excess. */
function spread(moves: Move[], received: number): Map<number, number> {
  const out = new Map<number, number>();
  let left = received;
  moves.forEach((move, i) => {
    const take = i === moves.length - 1 ? left : Math.min(left, move.product_uom_qty);
    out.set(move.id, Math.max(0, take));
    left -= Math.max(0, take);
  });
  return out;
}

/** Answers the wizard `button_validate` opened, as the clerk's click on its button would. */
async function answerWizard(odoo: OdooClient, action: WizardAction, backorder: boolean) {
  const model = action.res_model;
  const context = action.context ?? {};
  const method =
    model === 'stock.backorder.confirmation'
      ? backorder
        ? 'process'
        : 'process_cancel_backorder'
      : model === 'stock.immediate.transfer'
        ? 'process'
        : model === 'confirm.stock.sms'
          ? 'dont_send_sms'
          : undefined;
  if (!model || !method) throw new Error(`unexpected wizard after validation: ${String(model)}`);
  const wizard = await odoo.create(model, {}, { context });
  const next = await odoo.call<unknown>(model, method, { ids: [wizard], context });
  if (next && typeof next === 'object' && (next as WizardAction).res_model)
    await answerWizard(odoo, next, backorder);
}

/**
 * The clerk receives `quantities` (per SKU) on the purchase's open receipt and validates it; with
 * `backorder`, Odoo keeps a receipt for what is missing, without it the rest is not expected any more.
 */
export async function receivePurchase(
  odoo: OdooClient,
  purchaseId: string,
  quantities: Record<string, number>,
  { backorder }: { backorder: boolean },
): Promise<ReceiptResult> {
  const order = await purchaseOrder(odoo, purchaseId);
  const [receipt] = await odoo.searchRead(
    'stock.picking',
    [
      ['purchase_id', '=', order.id],
      ['picking_type_code', '=', 'incoming'],
      ['state', 'not in', ['done', 'cancel']],
    ],
    { fields: ['name'], order: 'id asc', limit: 1 },
  );
  if (!receipt) throw new Error(`no open receipt in Odoo for ${purchaseId} (${order.name})`);
  const moves = await odoo.searchRead<Move>(
    'stock.move',
    [
      ['picking_id', '=', receipt.id],
      ['state', 'not in', ['done', 'cancel']],
    ],
    { fields: ['product_id', 'product_uom_qty'], order: 'id asc' },
  );
  const skuOf = await skus(
    odoo,
    moves.map((m) => m2oId(m.product_id) ?? 0),
  );
  const v16 = (await odoo.version()).major === 16;
  let counted = 0;
  for (const [sku, received] of Object.entries(quantities)) {
    const ofSku = moves.filter((m) => skuOf.get(m2oId(m.product_id) ?? 0) === sku);
    if (ofSku.length === 0) throw new Error(`${sku} is not on receipt ${String(receipt.name)}`);
    for (const [moveId, qty] of spread(ofSku, received)) {
      if (qty <= 0 && !v16) continue;
      await odoo.write(
        'stock.move',
        [moveId],
        v16 ? { quantity_done: qty } : { quantity: qty, picked: true },
      );
      counted += qty;
    }
  }
  if (counted <= 0) throw new Error(`nothing received for ${purchaseId}`);
  const result = await odoo.call<unknown>('stock.picking', 'button_validate', {
    ids: [receipt.id],
  });
  if (result && typeof result === 'object' && (result as WizardAction).res_model)
    await answerWizard(odoo, result, backorder);
  const [next] = await odoo.search('stock.picking', [['backorder_id', '=', receipt.id]], {
    limit: 1,
  });
  return { pickingId: receipt.id, ...(next === undefined ? {} : { backorderId: next }) };
}

/**
 * The accountant creates the vendor bill of a purchase (Odoo bills what was received and not yet
 * billed), optionally corrects quantities or unit prices per SKU as the supplier's invoice says,
 * and leaves it in draft. Returns the bill's id.
 */
export async function billPurchase(
  odoo: OdooClient,
  purchaseId: string,
  overrides: Record<string, BillOverride> = {},
): Promise<number> {
  const order = await purchaseOrder(odoo, purchaseId);
  const action = await odoo.call<{ res_id?: number; domain?: unknown }>(
    'purchase.order',
    'action_create_invoice',
    { ids: [order.id] },
  );
  let billId = action?.res_id;
  if (typeof billId !== 'number') {
    const [latest] = await odoo.search(
      'account.move',
      [
        ['move_type', '=', 'in_invoice'],
        ['invoice_origin', '=', order.name],
        ['state', '=', 'draft'],
      ],
      { order: 'id desc', limit: 1 },
    );
    if (latest === undefined) throw new Error(`Odoo made no bill for ${purchaseId}`);
    billId = latest;
  }
  if (Object.keys(overrides).length === 0) return billId;
  const lines = await odoo.searchRead<OdooRecord & { product_id: [number, string] | false }>(
    'account.move.line',
    [
      ['move_id', '=', billId],
      ['display_type', '=', 'product'],
    ],
    { fields: ['product_id'], order: 'id asc' },
  );
  const skuOf = await skus(
    odoo,
    lines.map((l) => m2oId(l.product_id) ?? 0).filter((id) => id > 0),
  );
  const updates = [];
  for (const [sku, change] of Object.entries(overrides)) {
    const line = lines.find((l) => skuOf.get(m2oId(l.product_id) ?? 0) === sku);
    if (!line) throw new Error(`${sku} is not on the bill of ${purchaseId}`);
    updates.push(
      commands.update(line.id, {
        ...(change.quantity === undefined ? {} : { quantity: change.quantity }),
        ...(change.priceUnit === undefined ? {} : { price_unit: change.priceUnit }),
      }),
    );
  }
  // as the bill's form saves an edited line: through the bill, so its totals follow
  await odoo.write('account.move', [billId], { invoice_line_ids: updates });
  return billId;
}
