import type { InvoicingOrder } from './facts';
import { inventory, fulfillment, invoicing, given, checks } from '../../test/invariant-facts';

describe('checkInvariants on the orders bootstrap imported', () => {
  describe('when Odoo still has it open', () => {
    const open = (bill: InvoicingOrder) => ({
      ...given({
        status: 'imported',
        inv: inventory({ reservedByLine: { '1': 8 }, consumedByLine: { '1': 5 } }),
        ful: fulfillment({ state: 'IMPORTED' }),
        bill,
        // Its sale order is the old path's, not keyed by our order id.
        odoo: { saleOrders: 0 },
      }),
      shadowOrders: ['o1'],
    });

    it('is explained, and may be invoiced less than shipped but never more', () => {
      expect(checks(open(invoicing({ invoicedByLine: {}, invoices: 0 })))).toEqual([]);
      expect(checks(open(invoicing({ invoicedByLine: { '1': 3 } })))).toEqual([]);
      expect(checks(open(invoicing({ invoicedByLine: { '1': 6 } })))).toEqual([
        'INVOICED_NE_SHIPPED',
      ]);
    });

    it('may stay invoiced less than shipped once cancelled in Odoo', () => {
      const facts = {
        ...open(invoicing({ invoicedByLine: {}, invoices: 0 })),
        importedOrders: ['o1'],
      };
      facts.intake.orders['o1']!.status = 'cancelled';
      facts.inventory.orders['o1'] = inventory({
        reservedByLine: { '1': 8 },
        consumedByLine: { '1': 5 },
        releasedByLine: { '1': 3 },
      });
      facts.fulfillment.orders['o1'] = fulfillment({ state: 'CANCELLED' });
      expect(checks(facts)).toEqual([]);
      // A platform order cancelled after shipping is still invoiced as shipped.
      expect(checks({ ...facts, importedOrders: [] })).toEqual(['INVOICED_NE_SHIPPED']);
    });

    it('still needs what was consumed to equal what was shipped', () => {
      const facts = open(invoicing());
      facts.inventory.orders['o1'] = inventory({ reservedByLine: { '1': 8 }, consumedByLine: {} });
      expect(checks(facts)).toEqual(['STOCK_NE_SHIPPED']);
    });
  });
});
