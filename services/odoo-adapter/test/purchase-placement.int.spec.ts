import { randomUUID } from 'node:crypto';
import type { PurchaseOrderPlaced } from '@o2c/contracts';
import type { Harness } from './harness';
import {
  buildApproval,
  createSupplier,
  placedFor,
  publishWithEventId,
  startPurchasingHarness,
  startSupplierEndpoint,
  until,
} from './purchase-support';

type Seen = Array<{ type: string; value: unknown }>;

// Approvals of one supplier and warehouse within the window make one purchase order in Odoo 17.
describe('purchase placement against Odoo 17', () => {
  let h: Harness;
  let supplier: Awaited<ReturnType<typeof startSupplierEndpoint>>;
  let seen: Seen;
  beforeAll(async () => {
    supplier = await startSupplierEndpoint();
    h = await startPurchasingHarness(supplier.url);
    seen = await h.collect('odoo.purchases');
  });
  afterAll(async () => {
    await h?.stop();
    await supplier?.stop();
  });

  const ordersOf = (purchaseId: string) =>
    h.odoo.searchRead('purchase.order', [['origin', '=', purchaseId]], {
      fields: ['name', 'state', 'partner_id', 'currency_id', 'picking_type_id', 'order_line'],
    });
  const linesOf = (orderId: number) =>
    h.odoo.searchRead('purchase.order.line', [['order_id', '=', orderId]], {
      fields: ['product_id', 'product_qty', 'price_unit'],
      order: 'id asc',
    });

  it('places one purchase order with a line per SKU, in SKU order, and sends it to the supplier', async () => {
    const code = await createSupplier(h);
    const later = Date.now() + 9 * 86_400_000;
    const a = buildApproval({
      supplierCode: code,
      sku: 'FURN-002',
      quantity: 4,
      unitCostMinor: 20_000,
      approvedAt: Date.now() - 2_000,
    });
    const b = buildApproval({ supplierCode: code, sku: 'FURN-001', quantity: 6, neededBy: later });
    const c = buildApproval({
      supplierCode: code,
      sku: 'FURN-002',
      quantity: 1,
      unitCostMinor: 21_000, // a later approval's price: the first one's is kept
      approvedAt: Date.now() - 1_000,
    });
    for (const x of [a, b, c]) await h.publish('ReplenishmentApproved', x, x.proposalId);

    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    expect(placed.purchaseId).toMatch(/^PUR-[0-9a-f-]{36}$/);
    expect(placed.warehouseCode).toBe('WH');
    expect(placed.currency).toBe('EUR');
    expect(placed.datePlanned).toBe(later);
    expect(placed.lines).toEqual([
      {
        lineNo: 1,
        sku: 'FURN-001',
        quantity: 6,
        uom: 'EA',
        unitPriceMinor: 4_500,
        proposalIds: [b.proposalId],
      },
      {
        lineNo: 2,
        sku: 'FURN-002',
        quantity: 5,
        uom: 'EA',
        unitPriceMinor: 20_000,
        proposalIds: [a.proposalId, c.proposalId],
      },
    ]);

    const orders = await ordersOf(placed.purchaseId);
    expect(orders).toHaveLength(1);
    const [po] = orders;
    expect(po?.state).toBe('purchase');
    expect(po?.name).toBe(placed.odooReference);
    expect(String(po?.id)).toBe(placed.odooPurchaseId);
    expect(po?.currency_id).toEqual([expect.any(Number), 'EUR']);
    const lines = await linesOf(po!.id);
    expect(lines.map((l) => [l.product_qty, l.price_unit])).toEqual([
      [6, 45],
      [5, 200],
    ]);
    expect((lines[0]!.product_id as [number, string])[1]).toContain('FURN-001');
    // button_confirm made the incoming receipt
    const pickings = await h.odoo.searchRead(
      'stock.picking',
      [['origin', '=', po!.name as string]],
      {
        fields: ['state'],
      },
    );
    expect(pickings).toHaveLength(1);

    const sent = await until(
      () => supplier.received.find((r) => r.purchaseId === placed.purchaseId),
      'the purchase order at the supplier',
    );
    expect(sent).toMatchObject({
      supplierCode: code,
      odooReference: placed.odooReference,
      warehouseCode: 'WH',
      currency: 'EUR',
      datePlanned: new Date(later).toISOString(),
      callbackUrl: `${h.url}/webhooks/suppliers`,
      lines: [
        { lineNo: 1, sku: 'FURN-001', quantity: 6, uom: 'EA', unitPriceMinor: 4_500 },
        { lineNo: 2, sku: 'FURN-002', quantity: 5, uom: 'EA', unitPriceMinor: 20_000 },
      ],
    });
  });

  it('a redelivered and a replayed approval add nothing: still one purchase order', async () => {
    const code = await createSupplier(h);
    const approval = buildApproval({ supplierCode: code, quantity: 3 });
    const eventId = randomUUID();
    await publishWithEventId(h, approval, eventId);
    await publishWithEventId(h, approval, eventId); // the same message again
    await h.publish('ReplenishmentApproved', approval, approval.proposalId); // replayed, new event id
    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    expect(placed.lines).toEqual([
      expect.objectContaining({ quantity: 3, proposalIds: [approval.proposalId] }),
    ]);

    // replayed after placement: joins no new batch
    await h.publish('ReplenishmentApproved', approval, approval.proposalId);
    const marker = buildApproval({ supplierCode: code, sku: 'FURN-002', quantity: 1 });
    await h.publish('ReplenishmentApproved', marker, marker.proposalId);
    const next = await until(
      () =>
        seen
          .filter((e) => e.type === 'PurchaseOrderPlaced')
          .map((e) => e.value as PurchaseOrderPlaced)
          .find((p) => p.supplierCode === code && p.purchaseId !== placed.purchaseId),
      'the marker purchase',
    );
    // the marker (published after the replay on the same topic) was placed alone
    expect(next.lines).toEqual([
      expect.objectContaining({ sku: 'FURN-002', proposalIds: [marker.proposalId] }),
    ]);
    const rows = await h.db('odoo_purchase_proposals').where({ proposal_id: approval.proposalId });
    expect(rows).toHaveLength(1);
    expect(await ordersOf(placed.purchaseId)).toHaveLength(1);
    const placedEvents = seen.filter(
      (e) =>
        e.type === 'PurchaseOrderPlaced' && (e.value as PurchaseOrderPlaced).supplierCode === code,
    );
    expect(placedEvents).toHaveLength(2);
  });

  it('a retry after a create whose commit was lost finds the order by its origin: no second PO', async () => {
    const code = await createSupplier(h);
    const approval = buildApproval({ supplierCode: code, quantity: 2 });
    await h.publish('ReplenishmentApproved', approval, approval.proposalId);
    const batch = await until(async () => {
      const row = (await h.db('odoo_purchases').where({ supplier_code: code }).first()) as
        { purchase_id: string } | undefined;
      if (!row) return undefined;
      // hold the window open while the lost attempt's create is replayed
      const held = await h
        .db('odoo_purchases')
        .where({ purchase_id: row.purchase_id, state: 'OPEN' })
        .update({ closes_at: new Date(Date.now() + 3_600_000) });
      return held === 1 ? row : undefined;
    }, 'the open batch');
    // what the crashed attempt left in Odoo: the RFQ, created but never recorded as placed here
    const [partner] = await h.odoo.searchRead('res.partner', [['ref', '=', code]], {
      fields: ['id'],
    });
    const [product] = await h.odoo.searchRead(
      'product.product',
      [['default_code', '=', 'FURN-001']],
      {
        fields: ['id'],
      },
    );
    const rfqId = await h.odoo.create('purchase.order', {
      partner_id: partner!.id,
      origin: batch.purchase_id,
      order_line: [[0, 0, { product_id: product!.id, product_qty: 2, price_unit: 45 }]],
    });
    await h
      .db('odoo_purchases')
      .where({ purchase_id: batch.purchase_id })
      .update({ closes_at: new Date() });

    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    expect(placed.purchaseId).toBe(batch.purchase_id);
    expect(placed.odooPurchaseId).toBe(String(rfqId));
    const orders = await ordersOf(batch.purchase_id);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.state).toBe('purchase');
  });

  it('a supplier unknown in Odoo fails the batch with a precise OdooSyncFailed and creates nothing', async () => {
    const code = `SUP-MISSING-${randomUUID().slice(0, 6)}`;
    const sync = await h.collect('odoo.sync');
    const approval = buildApproval({ supplierCode: code });
    await h.publish('ReplenishmentApproved', approval, approval.proposalId);
    const failed = await until(
      () =>
        sync
          .map(
            (e) =>
              e.value as {
                operation: string;
                message: string;
                aggregateId: string;
                errorCode: string;
              },
          )
          .find((v) => v.operation === 'PLACE_PURCHASE_ORDER' && v.message.includes(code)),
      'OdooSyncFailed for the unknown supplier',
    );
    expect(failed.errorCode).toBe('MAPPING_MISSING');
    expect(failed.aggregateId).toMatch(/^PUR-/);
    const row = (await h
      .db('odoo_purchases')
      .where({ purchase_id: failed.aggregateId })
      .first()) as {
      state: string;
      failed_reason: string;
    };
    expect(row.state).toBe('FAILED');
    expect(row.failed_reason).toContain(`supplier '${code}' is not known in Odoo`);
    expect(await ordersOf(failed.aggregateId)).toEqual([]);
  });

  it('retries sending to a supplier that answers 503, until it accepts', async () => {
    const code = await createSupplier(h);
    // the earlier tests' orders are all at the supplier, so the failures hit this one
    await until(async () => {
      const unsent = await h.db('odoo_purchases').where({ state: 'PLACED' }).whereNull('sent_at');
      return unsent.length === 0;
    }, 'earlier purchase orders sent');
    supplier.failNext(2);
    const approval = buildApproval({ supplierCode: code });
    await h.publish('ReplenishmentApproved', approval, approval.proposalId);
    const placed = await placedFor<PurchaseOrderPlaced>(seen, code);
    await until(
      () => supplier.received.find((r) => r.purchaseId === placed.purchaseId),
      'the purchase order accepted by the supplier',
    );
    const row = await until(async () => {
      const r = (await h
        .db('odoo_purchases')
        .where({ purchase_id: placed.purchaseId })
        .first()) as {
        sent_at: Date | null;
        send_attempts: number;
      };
      return r.sent_at ? r : undefined;
    }, 'sent_at');
    expect(row.send_attempts).toBe(3);
    expect(supplier.failures()).toBeGreaterThanOrEqual(2);
  });
});
