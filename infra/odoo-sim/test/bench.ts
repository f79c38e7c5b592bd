// Prints throughput figures (not a test): npx tsx infra/odoo-sim/test/bench.ts
import { startSim } from './sim-client';

async function timed(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - start;
  console.log(
    `${label}: ${n} calls in ${ms.toFixed(0)} ms (${((ms / n) * 1000).toFixed(0)} µs/call)`,
  );
}

async function main(): Promise<void> {
  const { sim, client } = await startSim(17);
  try {
    await timed('search_read res.partner (JSON-RPC)', 500, () =>
      client.call('res.partner', 'search_read', [[['customer_rank', '>', 0]]], {
        fields: ['name', 'ref'],
      }),
    );
    await timed('sale.order create + action_confirm', 200, async () => {
      const so = await client.call<number>('sale.order', 'create', [
        { partner_id: 5, order_line: [[0, 0, { product_id: 3, product_uom_qty: 1 }]] },
      ]);
      await client.call('sale.order', 'action_confirm', [[so]]);
    });
    await timed('poll sale.order by write_date (limit 100)', 200, () =>
      client.call('sale.order', 'search_read', [[['write_date', '>=', '2000-01-01 00:00:00']]], {
        fields: ['name', 'state', 'write_date'],
        order: 'write_date asc, id asc',
        limit: 100,
      }),
    );
  } finally {
    await sim.stop();
  }
}

void main();
