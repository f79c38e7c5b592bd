import { createOdooClient, type OdooRecord } from '@o2c/odoo-client';
import { createLegacyWriter } from '@o2c/testing';
import { compareCheck, type CheckPayload } from '../../src/app/shadow/compare-check';

/**
 * Shadow mode's reads against a real Odoo: an order written, delivered and invoiced the way an
 * old integration does (the legacy writer), then compared by the adapter's own comparison. Writes
 * one customer ref, sale orders, a delivery and an invoice; run by jest.real-odoo.config.cjs.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see jest.real-odoo.config.cjs)`);
  return value;
}

const odoo = createOdooClient({
  url: required('REAL_ODOO_URL'),
  db: required('REAL_ODOO_DB'),
  login: required('REAL_ODOO_USER'),
  apiKey: required('REAL_ODOO_KEY'),
  transport: 'auto',
});
const legacy = createLegacyWriter(odoo);
const run = `SHADOW-${Date.now().toString(36)}`;
const ref = `${run}-1`;
const customerRef = `${run}-CUST`;
let sku = '';
let priceUnit = 0;
let currency = '';

type OfThisOrder = CheckPayload extends infer C
  ? C extends CheckPayload
    ? Omit<C, 'channelOrderRef'>
    : never
  : never;

const compare = (payload: OfThisOrder) =>
  compareCheck(odoo, 'client_order_ref', { ...payload, channelOrderRef: ref });
const kinds = async (payload: OfThisOrder) =>
  (await compare(payload)).divergences.map((d) => d.kind);

describe('shadow mode against a real Odoo', () => {
  beforeAll(async () => {
    const [product] = await odoo.searchRead<OdooRecord & { default_code: string }>(
      'product.product',
      [
        ['default_code', '!=', false],
        ['sale_ok', '=', true],
        ['detailed_type', '=', 'product'],
      ],
      { fields: ['default_code'], limit: 1, order: 'id asc' },
    );
    const [partner] = await odoo.searchRead('res.partner', [['customer_rank', '>', 0]], {
      fields: ['name'],
      limit: 1,
      order: 'id asc',
    });
    if (!product || !partner) throw new Error('the database needs demo data');
    sku = product.default_code;
    priceUnit = 12.5;
    await odoo.write('res.partner', [partner.id], { ref: customerRef });
    const [company] = await odoo.searchRead('res.company', [], { fields: ['currency_id'] });
    currency = String((company!.currency_id as [number, string])[1]);
    await legacy.writeOrder({
      channelOrderRef: ref,
      customerId: customerRef,
      lines: [{ sku, quantity: 2, unitPriceMinor: priceUnit * 100 }],
    });
  });

  it('finds the old path sale order by client_order_ref and compares its lines', async () => {
    const lines = (quantity: number, price: number) => [{ sku, quantity, priceUnit: price }];
    expect(await kinds({ flow: 'SALE_ORDER', currency, lines: lines(2, priceUnit) })).toEqual([]);
    expect(await kinds({ flow: 'SALE_ORDER', currency, lines: lines(3, 9.99) })).toEqual([
      'QUANTITY_DIFFERS',
      'PRICE_DIFFERS',
    ]);
    const missing = await compareCheck(odoo, 'client_order_ref', {
      flow: 'SALE_ORDER',
      channelOrderRef: `${run}-nowhere`,
      currency,
      lines: lines(2, priceUnit),
    });
    expect(missing.divergences.map((d) => d.kind)).toEqual(['SALE_ORDER_MISSING']);
  });

  it('sees the delivery validated, with the write date inventory-sync needs', async () => {
    const delivery = { flow: 'DELIVERY' as const, shipmentId: `${run}-S1`, lastShipment: true };
    expect(await kinds(delivery)).toEqual(['DELIVERY_NOT_VALIDATED']);
    await legacy.validateDelivery(ref);
    const found = await compare(delivery);
    expect(found.divergences).toEqual([]);
    expect(found.validated?.writeDate).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it('sees the invoice only once posted, with its total taxes included', async () => {
    const invoiceId = await legacy.invoice(ref, { post: false });
    const [draft] = await odoo.read<OdooRecord & { amount_total: number }>(
      'account.move',
      [invoiceId],
      ['amount_total'],
    );
    const totalMinor = Math.round(draft!.amount_total * 100);
    const invoice = { flow: 'INVOICE' as const, invoiceId: `${run}-I1`, totalMinor, currency };
    expect(await kinds(invoice)).toEqual(['INVOICE_NOT_POSTED']);
    await odoo.call('account.move', 'action_post', { ids: [invoiceId] });
    expect(await kinds(invoice)).toEqual([]);
    expect(await kinds({ ...invoice, totalMinor: totalMinor + 100 })).toEqual(['AMOUNT_DIFFERS']);
  });

  it('sees a cancellation the old path made', async () => {
    const cancelled = `${run}-2`;
    await legacy.writeOrder({
      channelOrderRef: cancelled,
      customerId: customerRef,
      lines: [{ sku, quantity: 1, unitPriceMinor: priceUnit * 100 }],
    });
    const check = { flow: 'CANCELLATION' as const, channelOrderRef: cancelled };
    const before = await compareCheck(odoo, 'client_order_ref', check);
    expect(before.divergences.map((d) => d.kind)).toEqual(['NOT_CANCELLED']);
    await legacy.cancel(cancelled);
    expect((await compareCheck(odoo, 'client_order_ref', check)).divergences).toEqual([]);
  });
});
