import { m2oId, type OdooClient } from '@o2c/odoo-client';

/** An order as the channel submitted it, which the old integration copies into Odoo. */
export interface LegacyOrder {
  channelOrderRef: string;
  customerId: string;
  lines: ReadonlyArray<{ sku: string; quantity: number; unitPriceMinor: number }>;
  /** The order's currency, through a pricelist in it (default: the company's). */
  currency?: string;
}

/** What the old integration gets wrong, injected per order. */
export interface LegacyFaults {
  /** The order never reaches Odoo. */
  skip?: boolean;
  /** These SKUs are written with another quantity. */
  quantity?: Record<string, number>;
  /** These SKUs are written with another unit price (major units). */
  priceUnit?: Record<string, number>;
}

interface Wizard {
  res_model?: string;
  context?: Record<string, unknown>;
}

const isWizard = (x: unknown): x is Wizard =>
  typeof x === 'object' && x !== null && typeof (x as Wizard).res_model === 'string';

const METHODS: Record<string, string> = {
  'stock.immediate.transfer': 'process',
  'stock.backorder.confirmation': 'process',
  'confirm.stock.sms': 'dont_send_sms',
};

/**
 * The integration a platform migration replaces, simulated for shadow runs: it writes sale orders
 * keyed by the channel's order reference (`client_order_ref` by default), looks partners up by
 * `ref` and products by `default_code` itself, confirms them, then validates deliveries and posts
 * invoices when told, through Odoo's external API only. Faults make it diverge on purpose.
 */
export function createLegacyWriter(
  odoo: OdooClient,
  { matchField = 'client_order_ref' }: { matchField?: string } = {},
) {
  const saleOrder = async (ref: string) => {
    const [so] = await odoo.searchRead('sale.order', [[matchField, '=', ref]], {
      fields: ['name', 'state'],
      order: 'id asc',
      limit: 1,
    });
    if (!so) throw new Error(`legacy writer: no sale order ${ref}`);
    return { id: so.id, name: String(so.name) };
  };
  const productId = async (sku: string) => {
    const [p] = await odoo.searchRead('product.product', [['default_code', '=', sku]], {
      fields: ['id'],
      limit: 1,
    });
    if (!p) throw new Error(`legacy writer: no product ${sku}`);
    return p.id;
  };
  const pricelistOf = async (code: string) => {
    const [currency] = await odoo.searchRead('res.currency', [['name', '=', code]], {
      fields: ['id'],
      limit: 1,
    });
    const [pricelist] = currency
      ? await odoo.searchRead('product.pricelist', [['currency_id', '=', currency.id]], {
          fields: ['id'],
          limit: 1,
        })
      : [];
    if (!pricelist) throw new Error(`legacy writer: no pricelist in ${code}`);
    return pricelist.id;
  };
  const answer = async (result: unknown): Promise<void> => {
    if (!isWizard(result)) return;
    const model = result.res_model!;
    const method = METHODS[model];
    if (!method) throw new Error(`legacy writer: unexpected wizard ${model}`);
    const context = result.context ?? {};
    const wizard = await odoo.create(model, {}, { context });
    await answer(await odoo.call<unknown>(model, method, { ids: [wizard], context }));
  };

  return {
    /** Writes and confirms the sale order; undefined when the fault skips it. */
    async writeOrder(order: LegacyOrder, faults: LegacyFaults = {}): Promise<number | undefined> {
      if (faults.skip) return undefined;
      const [partner] = await odoo.searchRead('res.partner', [['ref', '=', order.customerId]], {
        fields: ['id'],
        limit: 1,
      });
      if (!partner) throw new Error(`legacy writer: no customer ${order.customerId}`);
      const lines = [];
      for (const l of order.lines)
        lines.push([
          0,
          0,
          {
            product_id: await productId(l.sku),
            product_uom_qty: faults.quantity?.[l.sku] ?? l.quantity,
            price_unit: faults.priceUnit?.[l.sku] ?? l.unitPriceMinor / 100,
          },
        ]);
      const pricelist = order.currency ? await pricelistOf(order.currency) : undefined;
      const id = await odoo.create('sale.order', {
        partner_id: partner.id,
        ...(pricelist ? { pricelist_id: pricelist } : {}),
        [matchField]: order.channelOrderRef,
        order_line: lines,
      });
      await odoo.call('sale.order', 'action_confirm', { ids: [id] });
      return id;
    },

    /**
     * Delivers what is still open on the order's deliveries and validates them; `quantities`
     * (per SKU) delivers only that much of each SKU listed and nothing of the others, leaving the
     * rest in a backorder.
     */
    async validateDelivery(
      channelOrderRef: string,
      quantities?: Record<string, number>,
    ): Promise<number[]> {
      const so = await saleOrder(channelOrderRef);
      const partial = new Map<number, number>();
      for (const [sku, qty] of Object.entries(quantities ?? {}))
        partial.set(await productId(sku), qty);
      const pickings = await odoo.searchRead(
        'stock.picking',
        [
          ['sale_id', '=', so.id],
          ['picking_type_code', '=', 'outgoing'],
          ['state', 'not in', ['done', 'cancel']],
        ],
        { fields: ['name'], order: 'id asc' },
      );
      const v16 = (await odoo.version()).major === 16;
      for (const picking of pickings) {
        const moves = await odoo.searchRead(
          'stock.move',
          [
            ['picking_id', '=', picking.id],
            ['state', 'not in', ['done', 'cancel']],
          ],
          { fields: ['product_uom_qty', 'product_id'] },
        );
        for (const m of moves) {
          const qty = quantities
            ? (partial.get(m2oId(m.product_id as never) ?? 0) ?? 0)
            : Number(m.product_uom_qty);
          await odoo.write(
            'stock.move',
            [m.id],
            v16 ? { quantity_done: qty } : { quantity: qty, picked: qty > 0 },
          );
        }
        const context = { skip_sms: true };
        await answer(
          await odoo.call<unknown>('stock.picking', 'button_validate', {
            ids: [picking.id],
            context,
          }),
        );
      }
      return pickings.map((p) => p.id);
    },

    /** Invoices the delivered quantities; posts the invoice unless `post` is false (left draft). */
    async invoice(channelOrderRef: string, { post = true }: { post?: boolean } = {}) {
      const so = await saleOrder(channelOrderRef);
      const context = { active_model: 'sale.order', active_ids: [so.id], active_id: so.id };
      const wizard = await odoo.create(
        'sale.advance.payment.inv',
        { advance_payment_method: 'delivered', sale_order_ids: [[6, 0, [so.id]]] },
        { context },
      );
      await odoo.call('sale.advance.payment.inv', 'create_invoices', { ids: [wizard], context });
      const [move] = await odoo.searchRead(
        'account.move',
        [
          ['move_type', '=', 'out_invoice'],
          ['invoice_origin', '=', so.name],
          ['state', '=', 'draft'],
        ],
        { fields: ['partner_id'], order: 'id desc', limit: 1 },
      );
      if (!move) throw new Error(`legacy writer: Odoo made no invoice for ${so.name}`);
      if (post) await odoo.call('account.move', 'action_post', { ids: [move.id] });
      return move.id;
    },

    /** Cancels the sale order (16–18 answer with a wizard unless told not to warn). */
    async cancel(channelOrderRef: string): Promise<void> {
      const so = await saleOrder(channelOrderRef);
      const context = { disable_cancel_warning: true };
      const result = await odoo.call<unknown>('sale.order', 'action_cancel', {
        ids: [so.id],
        context,
      });
      if (isWizard(result)) {
        const ctx = { ...context, ...result.context };
        const wizard = await odoo.create(result.res_model!, {}, { context: ctx });
        await odoo.call(result.res_model!, 'action_cancel', { ids: [wizard], context: ctx });
      }
    },

    /** The sale orders this integration wrote (keyed by a channel reference). */
    async saleOrderIds(refs: readonly string[]): Promise<number[]> {
      const rows = await odoo.searchRead('sale.order', [[matchField, 'in', [...refs]]], {
        fields: ['id'],
      });
      return rows.map((r) => r.id);
    },
  };
}

export type LegacyWriter = ReturnType<typeof createLegacyWriter>;
