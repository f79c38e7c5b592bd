import { reconcile, type MismatchCode, type Payment } from '../src/domain';
import {
  buildCreditNote,
  buildInvoice,
  buildOrder,
  buildRecord,
  buildShipment,
  DAY,
  NOW,
} from './build';

const payment = (amountMinor: number, overrides: Partial<Payment> = {}): Payment => ({
  odooPaymentId: 'pay-1',
  orderId: 'ord-1',
  invoiceId: 'inv-1',
  amountMinor,
  currency: 'EUR',
  receivedAt: NOW,
  ...overrides,
});

const codes = (report: ReturnType<typeof reconcile>): MismatchCode[] =>
  report.mismatches.map((m) => m.code);

describe('reconcile', () => {
  describe('given a shipment invoiced, partly returned and credited, and the rest paid', () => {
    const record = buildRecord({
      stock: [
        { lineNo: 1, kind: 'reserved', quantity: 4 },
        { lineNo: 1, kind: 'released', quantity: 1 },
        { lineNo: 2, kind: 'reserved', quantity: 1 },
        { lineNo: 2, kind: 'backordered', quantity: 0.5 },
      ],
      shipments: [buildShipment()],
      invoices: [buildInvoice()],
      creditNotes: [buildCreditNote()],
      payments: [payment(14_750)],
    });
    const report = reconcile(record, NOW + DAY);

    it('reports each line ordered, reserved, backordered, shipped, invoiced and credited', () => {
      expect(report.lines).toEqual([
        {
          lineNo: 1,
          sku: 'FURN-001',
          uom: 'EA',
          ordered: 4,
          reserved: 3,
          backordered: 0,
          shipped: 2,
          invoiced: 2,
          credited: 1,
        },
        {
          lineNo: 2,
          sku: 'COFF-1KG',
          uom: 'KG',
          ordered: 1.5,
          reserved: 1,
          backordered: 0.5,
          shipped: 1.5,
          invoiced: 1.5,
          credited: 0,
        },
      ]);
    });

    it('totals money: ordered before tax, invoiced and credited with tax, nothing outstanding', () => {
      expect(report.totals).toEqual({
        orderedMinor: 48_000 + 2_750,
        invoicedMinor: 26_750,
        creditedMinor: 12_000,
        paidMinor: 14_750,
        outstandingMinor: 0,
      });
      expect(report.invoices[0]).toMatchObject({
        invoiceNumber: 'INV/2026/00001',
        creditedMinor: 12_000,
        paidMinor: 14_750,
        status: 'PAID',
        creditNotes: [expect.objectContaining({ creditNoteNumber: 'RINV/2026/00001' })],
      });
    });

    it('finds no mismatch', () => {
      expect(report.mismatches).toEqual([]);
    });
  });

  describe('given a shipment without its invoice', () => {
    it('flags INVOICED_NE_SHIPPED on each shipped line', () => {
      const report = reconcile(buildRecord({ shipments: [buildShipment()] }), NOW);
      expect(report.mismatches).toEqual([
        {
          code: 'INVOICED_NE_SHIPPED',
          lineNo: 1,
          message: 'line 1 (FURN-001): invoiced 0 EA, shipped 2',
        },
        {
          code: 'INVOICED_NE_SHIPPED',
          lineNo: 2,
          message: 'line 2 (COFF-1KG): invoiced 0 KG, shipped 1.5',
        },
      ]);
    });
  });

  describe('given more shipped than ordered', () => {
    it('flags SHIPPED_GT_ORDERED on that line', () => {
      const shipments = [
        buildShipment(),
        buildShipment({
          shipmentId: 'shp-2',
          lines: [buildShipment().lines[0]!, { ...buildShipment().lines[0]!, quantity: 1 }],
        }),
      ];
      const report = reconcile(buildRecord({ shipments }), NOW);
      expect(report.mismatches).toContainEqual(
        expect.objectContaining({
          code: 'SHIPPED_GT_ORDERED',
          lineNo: 1,
          message: 'line 1 (FURN-001): shipped 5 EA, ordered 4',
        }),
      );
    });
  });

  describe('given a credit note for more than the line was invoiced', () => {
    it('flags CREDITED_GT_INVOICED', () => {
      const creditNotes = [
        buildCreditNote({
          lines: [
            {
              lineNo: 1,
              sku: 'FURN-001',
              quantity: 3,
              uom: 'EA',
              amountMinor: 36_000,
              taxMinor: 0,
            },
          ],
        }),
      ];
      const report = reconcile(
        buildRecord({ shipments: [buildShipment()], invoices: [buildInvoice()], creditNotes }),
        NOW,
      );
      expect(codes(report)).toEqual(['CREDITED_GT_INVOICED']);
    });
  });

  describe('given a payment larger than invoiced', () => {
    it('flags PAID_GT_INVOICED and shows the invoice OVERPAID', () => {
      const report = reconcile(
        buildRecord({
          shipments: [buildShipment()],
          invoices: [buildInvoice()],
          payments: [payment(30_000)],
        }),
        NOW,
      );
      expect(codes(report)).toEqual(['PAID_GT_INVOICED']);
      expect(report.mismatches[0]!.message).toBe(
        'paid 30000 EUR but invoiced 26750 net of credit notes',
      );
      expect(report.invoices[0]!.status).toBe('OVERPAID');
    });
  });

  describe('given an invoice past its due date', () => {
    const record = buildRecord({
      shipments: [buildShipment()],
      invoices: [buildInvoice()],
      payments: [payment(20_000)],
    });

    it('flags UNPAID_AFTER_DUE with what is outstanding', () => {
      const report = reconcile(record, NOW + 31 * DAY);
      expect(codes(report)).toEqual(['UNPAID_AFTER_DUE']);
      expect(report.mismatches[0]!.message).toContain('INV/2026/00001: 6750 EUR outstanding');
      expect(report.totals.outstandingMinor).toBe(6_750);
    });

    it('does not flag it before the due date', () => {
      expect(codes(reconcile(record, NOW + 29 * DAY))).toEqual([]);
    });
  });

  describe('given an order cancelled after a shipment left', () => {
    it('flags SHIPPED_BUT_CANCELLED', () => {
      const report = reconcile(
        buildRecord({
          order: buildOrder({ cancelledAt: NOW }),
          shipments: [buildShipment()],
          invoices: [buildInvoice()],
        }),
        NOW,
      );
      expect(report.cancelled).toBe(true);
      expect(codes(report)).toEqual(['SHIPPED_BUT_CANCELLED']);
    });
  });

  describe('given payments that do not match the order', () => {
    it('flags a payment for another invoice and one in another currency', () => {
      const payments = [
        payment(100, { invoiceId: 'inv-x' }),
        payment(100, { odooPaymentId: 'pay-2', currency: 'USD' }),
      ];
      const report = reconcile(
        buildRecord({ shipments: [buildShipment()], invoices: [buildInvoice()], payments }),
        NOW,
      );
      expect(codes(report)).toEqual(['PAYMENT_UNKNOWN_INVOICE', 'PAYMENT_CURRENCY_MISMATCH']);
    });
  });

  describe('given a refused return', () => {
    it('flags RETURN_EXCEEDS_INVOICED with the refusal reason', () => {
      const rejectedReturns = [
        { returnId: 'rma-9', orderId: 'ord-1', shipmentId: 'shp-1', reason: 'too much' },
      ];
      const report = reconcile(buildRecord({ rejectedReturns }), NOW);
      expect(report.mismatches).toEqual([{ code: 'RETURN_EXCEEDS_INVOICED', message: 'too much' }]);
    });
  });
});
