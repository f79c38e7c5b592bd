import { DomainError, invoiceForShipment, type InvoiceShipment } from '../src/domain';
import { buildOrder, buildShipment, DAY, NOW } from './build';

const given = (overrides: Partial<InvoiceShipment> = {}) => ({
  whenInvoiced: () =>
    invoiceForShipment({
      order: buildOrder(),
      shipment: buildShipment(),
      invoiceId: 'inv-1',
      invoiceNumber: 'INV/2026/00001',
      taxRateBps: 0,
      paymentTermsDays: 30,
      issuedAt: NOW,
      ...overrides,
    }),
});

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  throw new Error('expected a DomainError');
};

describe('invoiceForShipment', () => {
  describe('given a shipment of part of the order', () => {
    it('invoices exactly the shipped quantities at the order lines’ prices, due after the terms', () => {
      const invoice = given().whenInvoiced();
      expect(invoice.lines).toEqual([
        {
          lineNo: 1,
          sku: 'FURN-001',
          quantity: 2,
          uom: 'EA',
          unitPriceMinor: 12_000,
          amountMinor: 24_000,
          taxMinor: 0,
        },
        // 1.5 × 1833 = 2749.5, rounded half up per line like Odoo's price_subtotal
        {
          lineNo: 2,
          sku: 'COFF-1KG',
          quantity: 1.5,
          uom: 'KG',
          unitPriceMinor: 1_833,
          amountMinor: 2_750,
          taxMinor: 0,
        },
      ]);
      expect(invoice).toMatchObject({
        orderId: 'ord-1',
        shipmentId: 'shp-1',
        customerId: 'CUST-001',
        currency: 'EUR',
        netMinor: 26_750,
        taxMinor: 0,
        totalMinor: 26_750,
        dueAt: NOW + 30 * DAY,
      });
    });
  });

  describe('given a substitute SKU shipped for a line', () => {
    it('invoices the substitute at the ordered line’s price', () => {
      const shipment = buildShipment({
        lines: [{ lineNo: 1, sku: 'FURN-001-B', quantity: 1, uom: 'EA' }],
      });
      const invoice = given({ shipment }).whenInvoiced();
      expect(invoice.lines).toEqual([
        expect.objectContaining({ sku: 'FURN-001-B', unitPriceMinor: 12_000, amountMinor: 12_000 }),
      ]);
    });

    it('keeps the ordered and the substitute SKU of one line as two invoice lines', () => {
      const shipment = buildShipment({
        lines: [
          { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA' },
          { lineNo: 1, sku: 'FURN-001-B', quantity: 3, uom: 'EA' },
        ],
      });
      const invoice = given({ shipment }).whenInvoiced();
      expect(invoice.lines.map((l) => [l.sku, l.quantity, l.amountMinor])).toEqual([
        ['FURN-001', 1, 12_000],
        ['FURN-001-B', 3, 36_000],
      ]);
      expect(invoice.netMinor).toBe(48_000);
    });
  });

  describe('given a tax rate', () => {
    it('rounds tax per line half up and sums it; total = net + tax', () => {
      // 21 % of 2750 = 577.5 → 578; of 24000 = 5040
      const invoice = given({ taxRateBps: 2_100 }).whenInvoiced();
      expect(invoice.lines.map((l) => l.taxMinor)).toEqual([5_040, 578]);
      expect(invoice.taxMinor).toBe(5_618);
      expect(invoice.totalMinor).toBe(26_750 + 5_618);
    });
  });

  describe('given a shipped line the order does not have', () => {
    it('refuses with LINE_NOT_ON_ORDER', () => {
      const shipment = buildShipment({ lines: [{ lineNo: 9, sku: 'X', quantity: 1, uom: 'EA' }] });
      expect(codeOf(() => given({ shipment }).whenInvoiced())).toBe('LINE_NOT_ON_ORDER');
    });
  });

  describe('given a line shipped in another unit than ordered', () => {
    it('refuses with UOM_MISMATCH rather than invoice a wrong amount', () => {
      const shipment = buildShipment({
        lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 24, uom: 'DZ' }],
      });
      expect(codeOf(() => given({ shipment }).whenInvoiced())).toBe('UOM_MISMATCH');
    });
  });

  describe('given a shipment with only zero quantities', () => {
    it('refuses with EMPTY_SHIPMENT', () => {
      const shipment = buildShipment({
        lines: [{ lineNo: 1, sku: 'FURN-001', quantity: 0, uom: 'EA' }],
      });
      expect(codeOf(() => given({ shipment }).whenInvoiced())).toBe('EMPTY_SHIPMENT');
    });
  });
});
