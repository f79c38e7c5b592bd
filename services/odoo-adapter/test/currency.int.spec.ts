import { waitFor } from '@o2c/testing';
import { buildOrderAccepted } from './events';
import { startHarness, type Harness } from './harness';

const until = <T>(probe: () => Promise<T | undefined>, what: string) =>
  waitFor(probe, { timeoutMs: 30_000, intervalMs: 200, what });

// The simulator's company is in USD (like Odoo's demo company) and has a EUR pricelist.
describe('sale orders in the order currency against Odoo 17', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('17');
  });
  afterAll(() => h?.stop());

  const saleOrders = (orderId: string) =>
    h.odoo.searchRead('sale.order', [['client_order_ref', '=', orderId]], {
      fields: ['state', 'currency_id', 'pricelist_id', 'amount_total'],
    });

  it('creates a EUR order through the EUR pricelist, not in the company currency', async () => {
    const order = buildOrderAccepted({ currency: 'EUR' });
    await h.publish('OrderAccepted', order, order.orderId);
    const [so] = await until(async () => {
      const found = await saleOrders(order.orderId);
      return found[0]?.state === 'sale' ? found : undefined;
    }, 'confirmed sale order');
    expect(so?.currency_id).toEqual([expect.any(Number), 'EUR']);
    expect(so?.pricelist_id).toEqual([expect.any(Number), 'EUR Pricelist']);
    expect(so?.amount_total).toBe(710);
  });

  it('dead-letters an order in a currency without a pricelist, naming the currency, and creates nothing', async () => {
    const dlq = await h.collect(`sales.orders.dlq.${h.group}`);
    const order = buildOrderAccepted({ currency: 'GBP' });
    await h.publish('OrderAccepted', order, order.orderId);
    const letter = await until(() => Promise.resolve(dlq[0]), 'the dead letter');
    expect(letter.headers['dlq-error-code']?.toString()).toBe('ODOO_NO_PRICELIST_FOR_CURRENCY');
    expect(letter.headers['dlq-error-message']?.toString()).toMatch(/currency GBP/);
    expect(await saleOrders(order.orderId)).toEqual([]);
  });
});
