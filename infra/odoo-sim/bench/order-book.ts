// The simulator as its order book grows: the adapter's calls for one order (look-up, create,
// confirm, deliver, invoice, post, verify's read), timed per block of orders. Flat figures mean a
// call costs what it touches, not how many orders the simulated Odoo already holds.
//   npm run bench:odoo-sim -- [--orders 3000] [--block 500]
import { Command } from 'commander';
import { createOdooClient, type OdooClient } from '@o2c/odoo-client';
import { createOdooSim } from '../src/create-odoo-sim';

const options = new Command()
  .option('--orders <n>', 'orders taken through the whole flow', '3000')
  .option('--block <n>', 'orders per printed block', '500')
  .parse()
  .opts<Record<string, string>>();

const [CHAIR, DESK] = ['FURN-001', 'FURN-002'];

async function productIds(odoo: OdooClient): Promise<number[]> {
  const rows = await odoo.searchRead('product.product', [['default_code', 'in', [CHAIR, DESK]]], {
    fields: ['default_code'],
    order: 'default_code asc',
  });
  return rows.map((r) => r.id);
}

async function oneOrder(odoo: OdooClient, ref: string, products: number[], partnerId: number) {
  await odoo.searchRead('sale.order', [['client_order_ref', '=', ref]], { fields: ['state'] });
  const so = await odoo.create('sale.order', {
    partner_id: partnerId,
    client_order_ref: ref,
    order_line: products.map((p) => [0, 0, { product_id: p, product_uom_qty: 2, price_unit: 10 }]),
  });
  await odoo.call('sale.order', 'action_confirm', { ids: [so] });
  const [picking] = await odoo.searchRead(
    'stock.picking',
    [
      ['sale_id', '=', so],
      ['state', 'not in', ['done', 'cancel']],
    ],
    { fields: ['state'] },
  );
  const moves = await odoo.searchRead('stock.move', [['picking_id', '=', picking!.id]], {
    fields: ['product_uom_qty'],
  });
  for (const m of moves)
    await odoo.write('stock.move', [m.id], { quantity: m.product_uom_qty, picked: true });
  await odoo.call('stock.picking', 'button_validate', {
    ids: [picking!.id],
    context: { skip_sms: true },
  });
  const context = { active_model: 'sale.order', active_ids: [so], active_id: so };
  const wizard = await odoo.create(
    'sale.advance.payment.inv',
    { advance_payment_method: 'delivered' },
    { context },
  );
  await odoo.call('sale.advance.payment.inv', 'create_invoices', { ids: [wizard], context });
  const [order] = await odoo.read('sale.order', [so], ['invoice_ids']);
  await odoo.call('account.move', 'action_post', { ids: order!.invoice_ids as number[] });
  await odoo.searchRead('sale.order.line', [['order_id.client_order_ref', '=', ref]], {
    fields: ['qty_delivered', 'qty_invoiced'],
  });
}

async function main(): Promise<void> {
  const orders = Number(options.orders);
  const block = Number(options.block);
  const sim = createOdooSim({ port: 0 });
  const url = await sim.start();
  const odoo = createOdooClient({
    url,
    db: 'o2c',
    login: 'admin',
    apiKey: 'o2c-admin-key',
    transport: 'auto',
  });
  try {
    const products = await productIds(odoo);
    const [partner] = await odoo.search('res.partner', [['customer_rank', '>', 0]], { limit: 1 });
    console.log(`orders held  ms per order (13 calls)`);
    for (let done = 0; done < orders; done += block) {
      const started = performance.now();
      for (let i = done; i < done + block; i++)
        await oneOrder(odoo, `BENCH-${i}`, products, partner ?? 3);
      const perOrder = (performance.now() - started) / block;
      console.log(`${String(done + block).padStart(11)}  ${perOrder.toFixed(1).padStart(6)}`);
    }
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
