import { checkInvariants } from './check-invariants';
import type { OdooOrder } from './facts';
import {
  NOW,
  opts,
  inventory,
  fulfillment,
  invoicing,
  NOTHING_YET,
  given,
  checks,
} from '../../test/invariant-facts';

describe('checkInvariants', () => {
  describe('when an order went all the way', () => {
    it('finds nothing', () => {
      const result = checkInvariants(given({}), opts);
      expect(result).toMatchObject({
        ok: true,
        orders: 1,
        inFlight: 0,
        byStatus: { delivered: 1 },
      });
    });
  });

  describe('when invoicing lags behind shipping', () => {
    it('reports INVOICED_NE_SHIPPED once the order is settled, not while in flight', () => {
      const bill = invoicing({ invoicedByLine: { '1': 3 } });
      expect(checks(given({ bill }))).toEqual(['INVOICED_NE_SHIPPED']);
      expect(checks(given({ bill, updatedAt: NOW - 1000 }))).toEqual([]);
    });
  });

  describe('when an order is stuck in fulfillment', () => {
    it('reports NOT_TERMINAL; waiting for stock or escalated is explained', () => {
      const stuck = fulfillment({ state: 'IN_PROGRESS', shippedByLine: {} });
      expect(
        checks(
          given({
            ful: stuck,
            bill: invoicing({ invoicedByLine: {}, invoices: 0, invoicedMinor: 0 }),
            inv: inventory({ consumedByLine: {} }),
            odoo: NOTHING_YET,
          }),
        ),
      ).toEqual(['NOT_TERMINAL']);
      for (const state of ['WAITING_STOCK', 'ESCALATED'] as const) {
        const ful = fulfillment({ state, shippedByLine: {} });
        expect(
          checks(
            given({
              ful,
              bill: null,
              inv: inventory({ consumedByLine: {} }),
              odoo: NOTHING_YET,
            }),
          ),
        ).toEqual([]);
      }
    });

    it('explains an order fully backordered that fulfillment has not seen', () => {
      const inv = inventory({
        reservedByLine: {},
        consumedByLine: {},
        backorderedByLine: { '1': 5 },
      });
      expect(checks(given({ inv, ful: null, bill: null, odoo: NOTHING_YET }))).toEqual([]);
      expect(checks(given({ inv: null, ful: null, bill: null, odoo: NOTHING_YET }))).toEqual([
        'NOT_TERMINAL',
      ]);
    });
  });

  describe('when Odoo holds the wrong number of records', () => {
    it('reports a missing sale order, a duplicate, and an invoice posted twice', () => {
      expect(checks(given({ odoo: { saleOrders: 0, postedInvoices: 1 } }))).toEqual([
        'ODOO_SALE_ORDER_MISSING',
      ]);
      expect(checks(given({ odoo: { saleOrders: 2, postedInvoices: 1 } }))).toEqual([
        'ODOO_SALE_ORDER_TWICE',
      ]);
      expect(checks(given({ odoo: { saleOrders: 1, postedInvoices: 2 }, updatedAt: NOW }))).toEqual(
        ['ODOO_INVOICE_TWICE'],
      );
    });
  });

  describe('when odoo-adapter handled the order in shadow mode', () => {
    const shadow = (odoo: Partial<OdooOrder>) => ({ ...given({ odoo }), shadowOrders: ['o1'] });

    it('leaves how Odoo holds it to the shadow report, and counts it', () => {
      const result = checkInvariants(shadow({ saleOrders: 0, postedInvoices: 0 }), opts);
      expect(result).toMatchObject({ ok: true, shadow: 1 });
    });

    it('reports a sale order of ours written for it anyway', () => {
      expect(checks(shadow({ saleOrders: 1 }))).toEqual(['SHADOW_ORDER_WRITTEN']);
    });
  });

  describe('when an Odoo document diverges from ours', () => {
    it('reports delivered quantities per line that differ from what we shipped', () => {
      const result = checkInvariants(given({ odoo: { deliveredByLine: { '1': 3 } } }), opts);
      expect(result.violations).toEqual([
        {
          check: 'ODOO_DELIVERED_NE_SHIPPED',
          orderId: 'o1',
          source: 'verify',
          message: 'shipped vs Odoo qty_delivered: line 1: 5 vs 3',
        },
      ]);
    });

    it('accepts delivered quantities lowered by returns, down to shipped less returned', () => {
      const returned = (delivered: number) =>
        checks(
          given({
            ful: fulfillment({ returnedByLine: { '1': 2 } }),
            bill: invoicing({ creditedByLine: { '1': 2 }, creditNotes: 1, creditedMinor: 200 }),
            odoo: { deliveredByLine: { '1': delivered }, postedCreditNotes: 1, creditedMinor: 200 },
          }),
        );
      expect(returned(3)).toEqual([]);
      expect(returned(5)).toEqual([]);
      expect(returned(2)).toEqual(['ODOO_DELIVERED_NE_SHIPPED']);
      expect(returned(6)).toEqual(['ODOO_DELIVERED_NE_SHIPPED']);
    });

    it('reports invoiced and credited totals that differ, once the documents are all there', () => {
      expect(checks(given({ odoo: { invoicedMinor: 450 } }))).toEqual(['ODOO_INVOICED_AMOUNT']);
      const returned = {
        ful: fulfillment({ returnedByLine: { '1': 1 } }),
        bill: invoicing({ creditedByLine: { '1': 1 }, creditNotes: 1, creditedMinor: 100 }),
      };
      expect(
        checks(given({ ...returned, odoo: { postedCreditNotes: 1, creditedMinor: 100 } })),
      ).toEqual([]);
      expect(
        checks(given({ ...returned, odoo: { postedCreditNotes: 1, creditedMinor: 80 } })),
      ).toEqual(['ODOO_CREDITED_AMOUNT']);
      expect(checks(given({ ...returned, odoo: { postedCreditNotes: 0 } }))).toEqual([
        'ODOO_CREDIT_NOTE_MISSING',
      ]);
      expect(
        checks(given({ ...returned, odoo: { postedCreditNotes: 2, creditedMinor: 200 } })),
      ).toEqual(['ODOO_CREDIT_NOTE_TWICE', 'ODOO_CREDITED_AMOUNT']);
    });

    it('reports Odoo documents in another currency than the order', () => {
      const result = checkInvariants(given({ odoo: { currencies: ['EUR', 'USD'] } }), opts);
      expect(result.violations.map((v) => [v.check, v.message])).toEqual([
        ['ODOO_CURRENCY', "order in EUR, Odoo's documents in EUR, USD"],
      ]);
    });
  });

  describe('when a cancelled order still holds stock', () => {
    it('reports CANCELLED_STOCK_HELD', () => {
      const inv = inventory({ consumedByLine: {}, releasedByLine: { '1': 2 } });
      const ful = fulfillment({ state: 'CANCELLED', shippedByLine: {} });
      const bill = invoicing({ invoicedByLine: {}, invoices: 0, invoicedMinor: 0 });
      expect(
        checks(
          given({
            status: 'cancelled',
            inv,
            ful,
            bill,
            odoo: NOTHING_YET,
          }),
        ),
      ).toEqual(['CANCELLED_STOCK_HELD']);
    });
  });

  describe('when returns and credits or stock and shipments disagree', () => {
    it('reports CREDITED_NE_RETURNED and STOCK_NE_SHIPPED', () => {
      const ful = fulfillment({ returnedByLine: { '1': 1 } });
      const inv = inventory({ consumedByLine: { '1': 4 } });
      expect(checks(given({ ful, inv }))).toEqual(['CREDITED_NE_RETURNED', 'STOCK_NE_SHIPPED']);
    });
  });

  describe('when a service reports its own violation or an unknown order', () => {
    it('passes the violation through with its source and flags the orphan', () => {
      const facts = given({});
      facts.invoicing.violations.push({
        check: 'INVOICE_TWICE_FOR_SHIPMENT',
        orderId: 'o1',
        message: 'x',
      });
      facts.fulfillment.orders.o2 = fulfillment();
      const result = checkInvariants(facts, opts);
      expect(result.violations.map((v) => [v.check, v.source])).toEqual([
        ['INVOICE_TWICE_FOR_SHIPMENT', 'invoicing'],
        ['UNKNOWN_ORDER', 'verify'],
      ]);
    });
  });
});
