import { startHarness, type Harness } from './harness';

describe('invoicing HTTP API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it('answers 404 problem+json for an order it does not know', async () => {
    const { res, body } = await h.get('/orders/nope/reconciliation');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({ type: 'urn:o2c:problem:order-not-found', status: 404 });
  });

  it('describes every route it serves in OpenAPI 3.1', async () => {
    const { body } = await h.get('/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining([
        '/orders/{orderId}/reconciliation',
        '/orders/{orderId}/invoices',
        '/purchases/{purchaseId}/reconciliation',
        '/admin/verify',
      ]),
    );
  });
});
