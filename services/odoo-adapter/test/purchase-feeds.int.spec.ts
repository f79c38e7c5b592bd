import type {
  PurchaseExceptionRaised,
  PurchaseReceiptValidated,
  VendorBillMatched,
  VendorBillReceived,
} from '@o2c/contracts';
import { waitFor } from '@o2c/testing';
import { startHarness, type Harness } from './harness';
import { purchaseClerk } from './purchase-clerk';

type Seen = Array<{ value: unknown; type: string }>;

const until = <T>(probe: () => T | undefined | Promise<T | undefined>, what: string) =>
  waitFor(async () => probe(), { timeoutMs: 30_000, intervalMs: 200, what });

describe.each(['16', '17', '19'])(
  'receipts and vendor bills of our purchases from Odoo %s',
  (version) => {
    let h: Harness;
    let purchases: Seen;
    let clerk: ReturnType<typeof purchaseClerk>;
    beforeAll(async () => {
      h = await startHarness(version);
      purchases = await h.collect('odoo.purchases');
      clerk = purchaseClerk(h.odoo);
    });
    afterAll(() => h?.stop());

    const of = (purchaseId: string) =>
      purchases.filter((p) => (p.value as { purchaseId: string }).purchaseId === purchaseId);
    const receipts = (purchaseId: string) =>
      of(purchaseId)
        .filter((p) => p.type === 'PurchaseReceiptValidated')
        .map((p) => p.value as PurchaseReceiptValidated);
    const exceptions = (purchaseId: string) =>
      of(purchaseId)
        .filter((p) => p.type === 'PurchaseExceptionRaised')
        .map((p) => p.value as PurchaseExceptionRaised);
    const nth = (purchaseId: string, n: number) =>
      until(() => receipts(purchaseId)[n - 1], `receipt ${n} of ${purchaseId}`);
    const billState = async (billId: number) => {
      const [bill] = await h.odoo.read('account.move', [billId], ['state', 'invoice_date', 'name']);
      return bill!;
    };
    const decidedAt = async (billId: number) =>
      (await h.db('odoo_vendor_bills').where({ bill_id: billId }).first()) as
        { outcome: string | null; decided_at: Date | null; mismatches: unknown } | undefined;

    it('reports a partial receipt with its backorder, then the rest, then bills after both and posts the bill once when matched', async () => {
      const po = await clerk.order([
        ['FURN-001', 10, 25.5],
        ['FURN-002', 4, 180],
      ]);
      const first = await clerk.receive(po.id, { 'FURN-001': 6, 'FURN-002': 4 });
      const partial = await nth(po.purchaseId, 1);
      expect(partial).toMatchObject({
        odooPickingId: String(first),
        backorder: true,
        lines: [
          {
            lineNo: 1,
            sku: 'FURN-001',
            quantity: 6,
            receivedTotal: 6,
            orderedQuantity: 10,
            uom: 'EA',
            status: 'PARTIAL',
          },
          {
            lineNo: 2,
            sku: 'FURN-002',
            quantity: 4,
            receivedTotal: 4,
            orderedQuantity: 4,
            uom: 'EA',
            status: 'COMPLETE',
          },
        ],
      });
      const second = await clerk.receive(po.id, { 'FURN-001': 4 });
      const rest = await nth(po.purchaseId, 2);
      expect(rest).toMatchObject({
        odooPickingId: String(second),
        backorder: false,
        lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 4, receivedTotal: 10, status: 'COMPLETE' }],
      });

      const billId = await clerk.bill(po.id);
      const bill = (
        await until(
          () => of(po.purchaseId).find((p) => p.type === 'VendorBillReceived'),
          'VendorBillReceived',
        )
      ).value as VendorBillReceived;
      expect(bill).toMatchObject({
        odooBillId: String(billId),
        currency: 'EUR',
        lines: [
          { lineNo: 1, sku: 'FURN-001', quantity: 10, uom: 'EA', unitPriceMinor: 2550 },
          { lineNo: 2, sku: 'FURN-002', quantity: 4, uom: 'EA', unitPriceMinor: 18_000 },
        ],
        amountUntaxedMinor: 25_500 + 72_000,
      });
      // One key, one partition: the bill comes after the receipts it covers.
      expect(of(po.purchaseId).map((p) => p.type)).toEqual([
        'PurchaseReceiptValidated',
        'PurchaseReceiptValidated',
        'VendorBillReceived',
      ]);
      expect(exceptions(po.purchaseId)).toEqual([]);
      expect((await billState(billId)).state).toBe('draft');

      const matched: VendorBillMatched = {
        purchaseId: po.purchaseId,
        odooBillId: String(billId),
        amountUntaxedMinor: bill.amountUntaxedMinor,
        currency: 'EUR',
        matchedAt: Date.now(),
      };
      await h.publish('VendorBillMatched', matched, po.purchaseId);
      const posted = await until(async () => {
        const b = await billState(billId);
        return b.state === 'posted' ? b : undefined;
      }, 'the bill posted in Odoo');
      expect(posted.invoice_date).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
      const once = await decidedAt(billId);
      expect(once?.outcome).toBe('MATCHED');

      // A second match (a replay, or invoicing matching again) leaves the posted bill as it is.
      const dlq = await h.collect(`billing.vendor-bills.dlq.${h.group}.vendor-bills`);
      await h.publish('VendorBillMatched', { ...matched, matchedAt: Date.now() }, po.purchaseId);
      await until(async () => {
        const row = await decidedAt(billId);
        return row?.decided_at && once?.decided_at && row.decided_at > once.decided_at
          ? true
          : undefined;
      }, 'the second match handled');
      expect(await billState(billId)).toEqual(posted);
      expect(dlq).toEqual([]);
      expect(of(po.purchaseId).filter((p) => p.type === 'VendorBillReceived')).toHaveLength(1);
    });

    it('reports an over-delivery as OVER with an OVER_DELIVERY exception', async () => {
      const po = await clerk.order([['FURN-002', 5, 180]]);
      await clerk.receive(po.id, { 'FURN-002': 7 });
      const over = await nth(po.purchaseId, 1);
      expect(over).toMatchObject({
        backorder: false,
        lines: [{ lineNo: 1, quantity: 7, receivedTotal: 7, orderedQuantity: 5, status: 'OVER' }],
      });
      const [raised] = await until(
        () => (exceptions(po.purchaseId).length ? exceptions(po.purchaseId) : undefined),
        'PurchaseExceptionRaised',
      );
      expect(raised?.kind).toBe('OVER_DELIVERY');
      expect(raised?.detail).toMatch(/7 received of 5 ordered/);
    });

    it('reports a receipt closed short (backorder cancelled) as UNDER_DELIVERY', async () => {
      const po = await clerk.order([['FURN-001', 10, 25.5]]);
      await clerk.receive(po.id, { 'FURN-001': 6 }, false);
      expect(await nth(po.purchaseId, 1)).toMatchObject({
        backorder: false,
        lines: [{ lineNo: 1, quantity: 6, receivedTotal: 6, status: 'PARTIAL' }],
      });
      const [raised] = await until(
        () => (exceptions(po.purchaseId).length ? exceptions(po.purchaseId) : undefined),
        'PurchaseExceptionRaised',
      );
      expect(raised?.kind).toBe('UNDER_DELIVERY');
      expect(raised?.detail).toMatch(/6 received of 10 ordered/);
    });

    it('ignores purchases that are not ours, and leaves a mismatched bill a draft', async () => {
      const theirs = await clerk.order([['FURN-002', 1, 180]], `P-MANUAL-${Date.now()}`);
      await clerk.receive(theirs.id, { 'FURN-002': 1 });
      const theirBill = await clerk.bill(theirs.id);
      const po = await clerk.order([['FURN-002', 2, 180]]);
      await clerk.receive(po.id, { 'FURN-002': 2 });
      const billId = await clerk.bill(po.id);
      await until(
        () => of(po.purchaseId).find((p) => p.type === 'VendorBillReceived'),
        'VendorBillReceived',
      );
      expect(of(theirs.purchaseId)).toEqual([]);
      expect(
        purchases.filter((p) => (p.value as VendorBillReceived).odooBillId === String(theirBill)),
      ).toEqual([]);

      await h.publish(
        'VendorBillMismatched',
        {
          purchaseId: po.purchaseId,
          odooBillId: String(billId),
          mismatches: [
            {
              lineNo: 1,
              sku: 'FURN-002',
              kind: 'PRICE',
              orderedQuantity: 2,
              receivedQuantity: 2,
              billedQuantity: 2,
              orderedPriceMinor: 18_000,
              billedPriceMinor: 19_000,
            },
          ],
          tolerancePercent: 2,
          detectedAt: Date.now(),
        },
        po.purchaseId,
      );
      const row = await until(async () => {
        const r = await decidedAt(billId);
        return r?.outcome ? r : undefined;
      }, 'the mismatch recorded');
      expect(row).toMatchObject({
        outcome: 'MISMATCHED',
        mismatches: [expect.objectContaining({ kind: 'PRICE' })],
      });
      expect((await billState(billId)).state).toBe('draft');
    });
    it('does not post a bill edited in Odoo since its match: dead-lettered with the reason, left a draft', async () => {
      const po = await clerk.order([['FURN-001', 2, 25.5]]);
      await clerk.receive(po.id, { 'FURN-001': 2 });
      const billId = await clerk.bill(po.id);
      const bill = (
        await until(
          () => of(po.purchaseId).find((p) => p.type === 'VendorBillReceived'),
          'VendorBillReceived',
        )
      ).value as VendorBillReceived;
      const [line] = await h.odoo.search('account.move.line', [
        ['move_id', '=', billId],
        ['display_type', '=', 'product'],
      ]);
      await h.odoo.write('account.move', [billId], {
        invoice_line_ids: [[1, line!, { price_unit: 30 }]],
      });
      const dlq = await h.collect(`billing.vendor-bills.dlq.${h.group}.vendor-bills`);
      await h.publish(
        'VendorBillMatched',
        {
          purchaseId: po.purchaseId,
          odooBillId: String(billId),
          amountUntaxedMinor: bill.amountUntaxedMinor,
          currency: 'EUR',
          matchedAt: Date.now(),
        },
        po.purchaseId,
      );
      const letter = await until(
        () => dlq.find((d) => (d.value as VendorBillMatched).odooBillId === String(billId)),
        'the dead letter',
      );
      expect(letter.headers['dlq-error-code']?.toString()).toBe('BILL_CHANGED_SINCE_MATCH');
      expect(letter.headers['dlq-error-message']?.toString()).toMatch(/6000 untaxed in Odoo, 5100/);
      expect((await billState(billId)).state).toBe('draft');
    });
  },
);
