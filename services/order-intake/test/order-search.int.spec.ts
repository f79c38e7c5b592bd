import { randomUUID } from 'node:crypto';
import { buildOrderBody } from './build';
import { startHarness, type Harness } from './harness';

interface Page {
  orders: Array<{ orderId: string; channelOrderRef: string; status: string; customerId: string }>;
  nextCursor?: string;
}

describe('GET /orders: find and page', () => {
  let h: Harness;
  const submit = async (overrides: Record<string, unknown> = {}) => {
    const body = buildOrderBody(overrides);
    const { res, body: out } = await h.call('POST', '/orders', body, {
      'Idempotency-Key': randomUUID(),
    });
    expect([201, 422]).toContain(res.status);
    return { orderId: out.orderId as string, ref: body.channelOrderRef };
  };
  const search = async (query: string) => {
    const { res, body } = await h.call('GET', `/orders?${query}`);
    return { status: res.status, page: body as unknown as Page, body };
  };
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it('finds a channel reference’s orders: the rejected submission and the live order, newest first', async () => {
    const rejected = await submit({ customerRef: 'NO-SUCH-CUSTOMER' });
    const live = await submit({ channelOrderRef: rejected.ref });
    const { status, page } = await search(`channel=rest&channelOrderRef=${rejected.ref}`);
    expect(status).toBe(200);
    expect(page.orders.map((o) => [o.orderId, o.status])).toEqual([
      [live.orderId, 'accepted'],
      [rejected.orderId, 'rejected'],
    ]);
    expect(page.nextCursor).toBeUndefined();
    const none = await search('channel=rest&channelOrderRef=NEVER-SUBMITTED');
    expect(none.page.orders).toEqual([]);
  });

  it('pages through every order of a channel once each, in the order the database sorts them', async () => {
    for (let i = 0; i < 5; i += 1) await submit();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, page } = await search(
        `channel=rest&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      expect(page.orders.length).toBeLessThanOrEqual(2);
      seen.push(...page.orders.map((o) => o.orderId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const all = (await h
      .db('orders')
      .where({ channel_code: 'rest' })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'order_id', order: 'desc' },
      ])
      .pluck('order_id')) as string[];
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('filters by customer and status', async () => {
    const { page } = await search('customer=CUST-001&status=accepted&limit=200');
    expect(page.orders.length).toBeGreaterThan(0);
    expect(page.orders.every((o) => o.customerId === 'CUST-001' && o.status === 'accepted')).toBe(
      true,
    );
    const rejected = await search('status=rejected');
    expect(rejected.page.orders.map((o) => o.status)).toEqual(
      rejected.page.orders.map(() => 'rejected'),
    );
    expect(rejected.page.orders.length).toBeGreaterThan(0);
  });

  it('answers 400 problem+json naming each bad parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['sort=asc', ''],
      ['channelOrderRef=X', 'channelOrderRef'],
      ['status=lost', 'status'],
      ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const { status, body } = await search(query!);
      expect(status).toBe(400);
      expect(body).toMatchObject({ type: 'urn:o2c:problem:validation', title: 'Invalid query' });
      expect((body.errors as Array<{ path: string }>).map((e) => e.path)).toContain(path);
    }
  });
});
