import { buildOrderBody } from './build';
import { startHarness, type Harness } from './harness';

describe('order-intake channel aliases', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it('creates, replaces, lists and deletes aliases', async () => {
    const put = await h.call('PUT', '/channels/shop/aliases/sku/CHAIR-RED', {
      target: 'FURN-002',
    });
    expect(put.res.status).toBe(201);
    expect(put.body).toMatchObject({ channelCode: 'shop', kind: 'sku', target: 'FURN-002' });
    const again = await h.call('PUT', '/channels/shop/aliases/sku/CHAIR-RED', {
      target: 'FURN-001',
    });
    expect(again.res.status).toBe(200);
    await h.call('PUT', '/channels/shop/aliases/customer/c-42', { target: 'CUST-001' });

    const list = await h.call('GET', '/channels/shop/aliases');
    expect(list.body).toMatchObject({
      channelCode: 'shop',
      aliases: [
        { kind: 'customer', alias: 'c-42', target: 'CUST-001' },
        { kind: 'sku', alias: 'CHAIR-RED', target: 'FURN-001' },
      ],
    });
    const del = await h.call('DELETE', '/channels/shop/aliases/customer/c-42');
    expect(del.res.status).toBe(204);
    const gone = await h.call('DELETE', '/channels/shop/aliases/customer/c-42');
    expect(gone.res.status).toBe(404);
    expect(gone.res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(gone.body).toMatchObject({ type: 'urn:o2c:problem:alias-not-found' });
  });

  it('answers problem+json for a bad kind or body', async () => {
    const kind = await h.call('PUT', '/channels/shop/aliases/colour/red', { target: 'X' });
    expect(kind.res.status).toBe(400);
    expect(kind.res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(kind.body.errors).toEqual([{ path: 'kind', message: "must be 'sku' or 'customer'" }]);
    const body = await h.call('PUT', '/channels/shop/aliases/sku/red', { target: '' });
    expect(body.res.status).toBe(400);
  });

  it("validates an order in Odoo's codes through its channel's aliases only", async () => {
    await h.call('PUT', '/channels/market/aliases/sku/M-DESK', { target: 'FURN-002' });
    await h.call('PUT', '/channels/market/aliases/customer/buyer-7', { target: 'CUST-001' });
    const order = buildOrderBody({
      channelCode: 'market',
      customerRef: 'buyer-7',
      lines: [{ sku: 'M-DESK', quantity: 1, uom: 'EA', unitPriceMinor: 35_000 }],
    });
    const ok = await h.call('POST', '/orders', order, { 'Idempotency-Key': 'alias-1' });
    expect(ok.res.status).toBe(201);
    expect(ok.body.order).toMatchObject({
      customerId: 'CUST-001',
      lines: [expect.objectContaining({ sku: 'FURN-002' })],
    });
    const other = await h.call(
      'POST',
      '/orders',
      { ...order, channelCode: 'shop' },
      {
        'Idempotency-Key': 'alias-2',
      },
    );
    expect(other.res.status).toBe(422);
    expect((other.body.reasons as Array<{ code: string }>).map((r) => r.code)).toEqual([
      'UNKNOWN_CUSTOMER',
      'UNKNOWN_SKU',
    ]);
  });
});
