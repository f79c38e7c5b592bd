import type { VendorBillMatched, VendorBillMismatched } from '@o2c/contracts';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { sampleOf, testInfra } from '@o2c/testing';
import type { PurchaseReport } from '../src/domain';
import { startHarness, until } from './harness';
import type { Harness, Seen } from './harness';
import { buildBill, buildPlaced, buildReceipt } from './purchase-events';

const logger = createLogger({ service: 'invoicing-test', level: 'warn' });

describe('invoicing matching vendor bills against purchase orders and receipts', () => {
  let h: Harness;
  let vendorBills: Seen[];
  beforeAll(async () => {
    h = await startHarness();
    vendorBills = await h.collect(`${h.prefix}billing.vendor-bills`);
  });
  afterAll(() => h?.stop());

  const decisionsOf = (odooBillId: string) =>
    vendorBills.filter((m) => (m.value as VendorBillMatched).odooBillId === odooBillId);
  const published = (odooBillId: string) =>
    until(() => decisionsOf(odooBillId)[0], `the decision on bill ${odooBillId}`);
  const reconciliation = async (purchaseId: string) =>
    (await h.get(`/purchases/${purchaseId}/reconciliation`)).body as unknown as PurchaseReport;
  const decided = (purchaseId: string, bills: number) =>
    until(async () => {
      const { res, body } = await h.get(`/purchases/${purchaseId}/reconciliation`);
      const r = body as unknown as PurchaseReport;
      return res.ok && r.bills.length >= bills ? r : undefined;
    }, `${bills} bill(s) of ${purchaseId} decided`);
  const openMismatches = async () =>
    sampleOf(await (await fetch(`${h.url}/metrics`)).text(), 'o2c_exceptions_open', {
      kind: 'vendor_bill_mismatch',
    });

  it('placed, received, billed as received: VendorBillMatched, and the reconciliation agrees', async () => {
    const placed = buildPlaced();
    await h.send('PurchaseOrderPlaced', placed);
    await h.send('PurchaseOrderConfirmed', {
      purchaseId: placed.purchaseId,
      changed: true,
      supplierReference: 'SO-991',
      lines: [
        { lineNo: 1, sku: 'FURN-001', quantity: 8, uom: 'EA' },
        { lineNo: 2, sku: 'COFF-1KG', quantity: 4, uom: 'KG' },
      ],
      datePlanned: Date.now(),
      confirmedAt: Date.now(),
    });
    await h.send('PurchaseReceiptValidated', buildReceipt(placed, [8, 4]));
    const bill = buildBill(placed, [8, 4]);
    const billEventId = await h.send('VendorBillReceived', bill);

    const message = await published(bill.odooBillId);
    expect(message.type).toBe('VendorBillMatched');
    expect(message.value).toMatchObject({
      purchaseId: placed.purchaseId,
      amountUntaxedMinor: 8 * 5_000 + 4 * 1_200,
      currency: 'EUR',
    });
    expect(message.headers['causation-id']?.toString()).toBe(billEventId);

    const r = await decided(placed.purchaseId, 1);
    expect(r.lines.map((l) => [l.ordered, l.confirmed, l.received, l.billed])).toEqual([
      [10, 8, 8, 8],
      [4, 4, 4, 4],
    ]);
    expect(r.lines.map((l) => [l.orderedPriceMinor, l.billedPriceMinor])).toEqual([
      [5_000, 5_000],
      [1_200, 1_200],
    ]);
    expect(r.bills).toEqual([
      expect.objectContaining({ odooBillId: bill.odooBillId, decision: 'MATCHED', open: false }),
    ]);
    expect(r.totals).toEqual({
      orderedMinor: 44_800,
      receivedMinor: 44_800,
      billedMinor: 44_800,
      mismatchedMinor: 0,
    });
  });

  it('a bill priced 10 % over: VendorBillMismatched with PRICE, an open exception until a matched bill', async () => {
    const placed = buildPlaced();
    await h.send('PurchaseOrderPlaced', placed);
    await h.send('PurchaseReceiptValidated', buildReceipt(placed));
    const before = (await openMismatches()) ?? 0;
    const bill = buildBill(placed, undefined, 1.1);
    await h.send('VendorBillReceived', bill);

    const message = await published(bill.odooBillId);
    expect(message.type).toBe('VendorBillMismatched');
    const mismatched = message.value as VendorBillMismatched;
    expect(mismatched.tolerancePercent).toBe(2);
    expect(mismatched.mismatches).toEqual([
      expect.objectContaining({
        lineNo: 1,
        kind: 'PRICE',
        orderedPriceMinor: 5_000,
        billedPriceMinor: 5_500,
      }),
      expect.objectContaining({
        lineNo: 2,
        kind: 'PRICE',
        orderedPriceMinor: 1_200,
        billedPriceMinor: 1_320,
      }),
    ]);
    expect(await openMismatches()).toBe(before + 1);
    const r = await decided(placed.purchaseId, 1);
    expect(r.bills[0]).toMatchObject({ decision: 'MISMATCHED', open: true });
    expect(r.lines.map((l) => l.billed)).toEqual([0, 0]);

    // Finance has the supplier send a corrected bill: it supersedes the mismatch.
    const corrected = buildBill(placed);
    await h.send('VendorBillReceived', corrected);
    expect((await published(corrected.odooBillId)).type).toBe('VendorBillMatched');
    expect(await openMismatches()).toBe(before);
    const after = await decided(placed.purchaseId, 2);
    expect(after.bills.map((b) => [b.decision, b.open])).toEqual([
      ['MISMATCHED', false],
      ['MATCHED', false],
    ]);
  });

  it('a redelivered or replayed bill is decided once, and a second bill counts the first', async () => {
    const placed = buildPlaced();
    await h.send('PurchaseOrderPlaced', placed);
    await h.send('PurchaseReceiptValidated', buildReceipt(placed, [6, 4]));
    const first = buildBill(placed, [6, 0]);
    const eventId = await h.send('VendorBillReceived', first);
    await h.send('VendorBillReceived', first, eventId);
    const replayed = await h.send('VendorBillReceived', first);
    await until(
      async () => ((await h.db('inbox').where({ event_id: replayed }).first()) ? true : undefined),
      'the replayed bill handled',
    );
    // The second bill bills line 1 again: 6 + 6 > 6 received.
    const second = buildBill(placed, [6, 4]);
    await h.send('VendorBillReceived', second);
    const message = await published(second.odooBillId);
    expect(message.type).toBe('VendorBillMismatched');
    expect((message.value as VendorBillMismatched).mismatches).toEqual([
      expect.objectContaining({
        lineNo: 1,
        kind: 'QUANTITY',
        receivedQuantity: 6,
        billedQuantity: 12,
      }),
    ]);

    await h.outboxPublished(placed.purchaseId);
    expect(decisionsOf(first.odooBillId).map((m) => m.type)).toEqual(['VendorBillMatched']);
    const rows = await h.db('vendor_bills').where({ purchase_id: placed.purchaseId });
    expect(rows.map((b: { decision: string }) => b.decision)).toEqual(['MATCHED', 'MISMATCHED']);
    expect(await h.db('outbox').where({ key: placed.purchaseId })).toHaveLength(2);
  });

  it('skips the event types it does not need on odoo.purchases, without dead-lettering them', async () => {
    const dlq = `${h.prefix}odoo.purchases.dlq.${h.group}`;
    await h.collect(dlq);
    const placed = buildPlaced();
    await h.send('PurchaseExceptionRaised', {
      purchaseId: placed.purchaseId,
      kind: 'CONFIRMATION_OVERDUE',
      detail: 'no answer from SUP-001',
      raisedAt: Date.now(),
    });
    await h.send('PurchaseOrderPlaced', placed);
    await until(
      async () => ((await reconciliation(placed.purchaseId)).status ? true : undefined),
      'the purchase placed after the exception recorded',
    );
    // A dead letter would have been produced before the next message of the partition was handled.
    const admin = createKafka({
      clientId: 'invoicing-test',
      brokers: testInfra.brokers,
      logger,
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(dlq);
      expect(offsets.map((o) => Number(o.high))).toEqual(offsets.map(() => 0));
    } finally {
      await admin.disconnect();
    }
  });

  it('answers 404 problem+json for an unknown purchase; /admin/verify reports purchases', async () => {
    const { res, body } = await h.get('/purchases/PUR-nope/reconciliation');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({ type: 'urn:o2c:problem:purchase-not-found', status: 404 });

    const placed = buildPlaced();
    await h.send('PurchaseOrderPlaced', placed);
    await h.send('PurchaseOrderRefused', {
      purchaseId: placed.purchaseId,
      reason: 'out of stock',
      refusedAt: Date.now(),
    });
    const r = await until(async () => {
      const got = await reconciliation(placed.purchaseId);
      return got.status === 'REFUSED' ? got : undefined;
    }, 'the refusal recorded');
    expect(r).toMatchObject({ refuseReason: 'out of stock', bills: [], odooReference: 'P00007' });
    const verify = (await h.get('/admin/verify')).body as {
      tolerancePercent: number;
      purchases: Record<string, { status: string; lines: Record<string, unknown> }>;
    };
    expect(verify.tolerancePercent).toBe(2);
    expect(verify.purchases[placed.purchaseId]).toMatchObject({
      status: 'REFUSED',
      lines: { '1': { sku: 'FURN-001', ordered: 10, received: 0, billed: 0 } },
      bills: [],
    });
  });
});
