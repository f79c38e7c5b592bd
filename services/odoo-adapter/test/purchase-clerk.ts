import { randomUUID } from 'node:crypto';
import type { OdooClient } from '@o2c/odoo-client';

/**
 * What a buyer and a warehouse clerk do in Odoo by hand, through the external API: a purchase
 * order of ours (origin PUR-…), receipts (with the backorder wizard, as in the UI) and bills.
 */
export function purchaseClerk(odoo: OdooClient) {
  const idOf = async (model: string, domain: unknown[]) => {
    const [id] = await odoo.search(model, domain, { limit: 1 });
    if (id === undefined) throw new Error(`no ${model} ${JSON.stringify(domain)}`);
    return id;
  };
  const openReceipt = async (orderId: number) => {
    const [picking] = await odoo.searchRead(
      'stock.picking',
      [
        ['purchase_id', '=', orderId],
        ['picking_type_code', '=', 'incoming'],
        ['state', 'not in', ['done', 'cancel']],
      ],
      { fields: ['move_ids'], order: 'id desc', limit: 1 },
    );
    if (!picking) throw new Error(`purchase ${orderId} has no open receipt`);
    return picking;
  };
  return {
    /** A confirmed purchase order with origin `purchaseId`; lines as [sku, quantity, price]. */
    async order(lines: Array<[string, number, number]>, origin = `PUR-${randomUUID()}`) {
      const partner = await odoo.create('res.partner', {
        name: `Supplier ${origin}`,
        ref: `SUP-${randomUUID().slice(0, 6)}`,
        supplier_rank: 1,
      });
      const pickingType = await idOf('stock.picking.type', [['code', '=', 'incoming']]);
      const orderLines = [];
      for (const [sku, quantity, price] of lines) {
        const product = await idOf('product.product', [['default_code', '=', sku]]);
        orderLines.push([
          0,
          0,
          { product_id: product, product_qty: quantity, price_unit: price, name: sku },
        ]);
      }
      const id = await odoo.create('purchase.order', {
        partner_id: partner,
        origin,
        picking_type_id: pickingType,
        order_line: orderLines,
      });
      await odoo.call('purchase.order', 'button_confirm', { ids: [id] });
      return { id, purchaseId: origin };
    },
    /**
     * Receives quantities per SKU on the purchase's open receipt; a partial receipt answers the
     * backorder wizard: keep the backorder, or not (`backorder: false`, the rest is cancelled).
     */
    async receive(orderId: number, quantities: Record<string, number>, backorder = true) {
      const picking = await openReceipt(orderId);
      const moves = await odoo.read('stock.move', picking.move_ids as number[], ['product_id']);
      // Odoo 16 counts a move's received quantity in quantity_done, 17+ in quantity + picked.
      const v16 = (await odoo.version()).major === 16;
      for (const move of moves) {
        const [product] = await odoo.read(
          'product.product',
          [(move.product_id as [number, string])[0]],
          ['default_code'],
        );
        const qty = quantities[String(product?.default_code)] ?? 0;
        await odoo.write(
          'stock.move',
          [move.id],
          v16 ? { quantity_done: qty } : { quantity: qty, picked: true },
        );
      }
      const answer = await odoo.call<unknown>('stock.picking', 'button_validate', {
        ids: [picking.id],
      });
      if (answer && typeof answer === 'object') {
        const action = answer as { res_model: string; context: Record<string, unknown> };
        if (action.res_model !== 'stock.backorder.confirmation')
          throw new Error(`unexpected wizard ${action.res_model}`);
        const wizard = await odoo.create(
          action.res_model,
          { pick_ids: [[4, picking.id]] },
          { context: action.context },
        );
        await odoo.call(action.res_model, backorder ? 'process' : 'process_cancel_backorder', {
          ids: [wizard],
          context: action.context,
        });
      }
      return picking.id;
    },
    /** action_create_invoice: the draft vendor bill of what was received and not billed. */
    async bill(orderId: number) {
      await odoo.call('purchase.order', 'action_create_invoice', { ids: [orderId] });
      const [order] = await odoo.read('purchase.order', [orderId], ['name']);
      const [bill] = await odoo.search(
        'account.move',
        [
          ['move_type', '=', 'in_invoice'],
          ['invoice_origin', '=', String(order?.name)],
        ],
        { order: 'id desc', limit: 1 },
      );
      if (bill === undefined) throw new Error(`no bill for purchase ${orderId}`);
      return bill;
    },
  };
}
