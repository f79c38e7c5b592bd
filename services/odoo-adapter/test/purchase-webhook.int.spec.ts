import { randomUUID } from 'node:crypto';
import type {
  PurchaseExceptionRaised,
  PurchaseOrderConfirmed,
  PurchaseOrderPlaced,
  PurchaseOrderRefused,
} from '@o2c/contracts';
import type { Harness } from './harness';
import {
  buildApproval,
  createSupplier,
  eventsOf,
  placedFor,
  signedPost,
  startPurchasingHarness,
  startSupplierEndpoint,
  until,
} from './purchase-support';

type Seen = Array<{ type: string; value: unknown }>;
const TIMEOUT_MS = 6_000;

// The supplier's signed answers: stored, acknowledged, then applied to Odoo 17 and published.
describe('supplier webhooks against Odoo 17', () => {
  let h: Harness;
  let supplier: Awaited<ReturnType<typeof startSupplierEndpoint>>;
  let seen: Seen;
  beforeAll(async () => {
    supplier = await startSupplierEndpoint();
    h = await startPurchasingHarness(supplier.url, {
      PURCHASE_CONFIRMATION_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    seen = await h.collect('odoo.purchases');
  });
  afterAll(async () => {
    await h?.stop();
    await supplier?.stop();
  });

  const place = async (quantities: number[] = [10]) => {
    const code = await createSupplier(h);
    const skus = ['FURN-001', 'FURN-002'];
    for (const [i, quantity] of quantities.entries()) {
      const a = buildApproval({ supplierCode: code, sku: skus[i]!, quantity });
      await h.publish('ReplenishmentApproved', a, a.proposalId);
    }
    return placedFor<PurchaseOrderPlaced>(seen, code);
  };
  const orderOf = async (placed: PurchaseOrderPlaced) =>
    (
      await h.odoo.read(
        'purchase.order',
        [Number(placed.odooPurchaseId)],
        ['state', 'partner_ref', 'date_planned'],
      )
    )[0]!;

  it('refuses a bad signature and a stale timestamp with 401 problem+json, and stores nothing', async () => {
    const body = { eventId: randomUUID(), purchaseId: 'PUR-x', status: 'confirmed' };
    const bad = await signedPost(h.url, body, { secret: 'not-the-secret' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({ type: 'urn:o2c:problem:bad-signature' });
    const stale = await signedPost(h.url, body, {
      timestamp: Math.floor(Date.now() / 1000) - 3_600,
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ type: 'urn:o2c:problem:stale-webhook' });
    expect(await h.db('odoo_supplier_messages').where({ event_id: body.eventId })).toEqual([]);
  });

  it('answers 404 problem for an unknown purchase', async () => {
    const res = await signedPost(h.url, {
      eventId: randomUUID(),
      purchaseId: `PUR-${randomUUID()}`,
      status: 'confirmed',
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a changed confirmation writes the quantity and date to Odoo and publishes PurchaseOrderConfirmed, once', async () => {
    const placed = await place([10, 4]);
    const datePlanned = new Date(placed.datePlanned + 3 * 86_400_000).toISOString();
    const message = {
      eventId: randomUUID(),
      purchaseId: placed.purchaseId,
      status: 'changed',
      supplierReference: 'SO-4711',
      datePlanned,
      lines: [{ lineNo: 1, quantity: 7 }],
    };
    const res = await signedPost(h.url, message);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ eventId: message.eventId, duplicate: false });
    const again = await signedPost(h.url, message);
    expect(await again.json()).toEqual({ eventId: message.eventId, duplicate: true });

    const [confirmed] = await until(() => {
      const found = eventsOf<PurchaseOrderConfirmed>(
        seen,
        'PurchaseOrderConfirmed',
        placed.purchaseId,
      );
      return found.length ? found : undefined;
    }, 'PurchaseOrderConfirmed');
    expect(confirmed).toMatchObject({
      changed: true,
      supplierReference: 'SO-4711',
      datePlanned: Date.parse(datePlanned),
      lines: [
        { lineNo: 1, sku: 'FURN-001', quantity: 7, uom: 'EA' },
        { lineNo: 2, sku: 'FURN-002', quantity: 4, uom: 'EA' },
      ],
    });
    const lines = await h.odoo.searchRead(
      'purchase.order.line',
      [['order_id', '=', Number(placed.odooPurchaseId)]],
      { fields: ['product_qty'], order: 'id asc' },
    );
    expect(lines.map((l) => l.product_qty)).toEqual([7, 4]);
    const po = await orderOf(placed);
    expect(po.partner_ref).toBe('SO-4711');
    expect(String(po.date_planned)).toBe(datePlanned.slice(0, 19).replace('T', ' '));
    // the duplicate was not applied a second time
    const rows = await h.db('odoo_supplier_messages').where({ purchase_id: placed.purchaseId });
    expect(rows).toHaveLength(1);
    expect(eventsOf(seen, 'PurchaseOrderConfirmed', placed.purchaseId)).toHaveLength(1);
  });

  it('a refusal cancels the order in Odoo and publishes PurchaseOrderRefused and SUPPLIER_REFUSED', async () => {
    const placed = await place();
    const res = await signedPost(h.url, {
      eventId: randomUUID(),
      purchaseId: placed.purchaseId,
      status: 'refused',
      reason: 'out of stock until March',
    });
    expect(res.status).toBe(202);
    const [refused] = await until(() => {
      const found = eventsOf<PurchaseOrderRefused>(seen, 'PurchaseOrderRefused', placed.purchaseId);
      return found.length ? found : undefined;
    }, 'PurchaseOrderRefused');
    expect(refused?.reason).toBe('out of stock until March');
    const exception = await until(
      () =>
        eventsOf<PurchaseExceptionRaised>(seen, 'PurchaseExceptionRaised', placed.purchaseId).find(
          (e) => e.kind === 'SUPPLIER_REFUSED',
        ),
      'SUPPLIER_REFUSED',
    );
    expect(exception.detail).toContain('out of stock until March');
    expect((await orderOf(placed)).state).toBe('cancel');
  });

  it('raises CONFIRMATION_OVERDUE once, and still applies a late confirmation', async () => {
    const placed = await place([3]);
    const overdue = () =>
      eventsOf<PurchaseExceptionRaised>(seen, 'PurchaseExceptionRaised', placed.purchaseId).filter(
        (e) => e.kind === 'CONFIRMATION_OVERDUE',
      );
    await until(() => (overdue().length ? true : undefined), 'CONFIRMATION_OVERDUE');
    const res = await signedPost(h.url, {
      eventId: randomUUID(),
      purchaseId: placed.purchaseId,
      status: 'confirmed',
    });
    expect(res.status).toBe(202);
    const [confirmed] = await until(() => {
      const found = eventsOf<PurchaseOrderConfirmed>(
        seen,
        'PurchaseOrderConfirmed',
        placed.purchaseId,
      );
      return found.length ? found : undefined;
    }, 'the late PurchaseOrderConfirmed');
    expect(confirmed).toMatchObject({ changed: false, lines: [{ lineNo: 1, quantity: 3 }] });
    expect(overdue()).toHaveLength(1);
    const row = (await h
      .db('odoo_purchases')
      .where({ purchase_id: placed.purchaseId })
      .first()) as {
      state: string;
      overdue_raised_at: Date | null;
    };
    expect(row.state).toBe('CONFIRMED');
    expect(row.overdue_raised_at).not.toBeNull();
  });
});
