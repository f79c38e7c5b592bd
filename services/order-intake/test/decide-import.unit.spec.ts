import { decideImport, type ImportCandidate, type OrderState } from '../src/domain/order';
import { buildImportCandidate, buildMasterData, buildState } from './build';
import { NOW } from './given';

const decide = (candidate: ImportCandidate, live?: OrderState) =>
  decideImport(candidate, live, buildMasterData(), { now: NOW, newOrderId: () => 'ord-new' });

describe('decideImport', () => {
  describe('when master data knows every code', () => {
    it('imports the order as Odoo holds it, with a new id and the time of import', () => {
      const candidate = buildImportCandidate();
      expect(decide(candidate)).toEqual({
        outcome: 'imported',
        event: {
          type: 'OrderImported',
          data: { ...candidate, orderId: 'ord-new', importedAt: NOW },
        },
      });
    });

    it('imports for a customer whose default address is incomplete (Odoo ships to its own)', () => {
      expect(decide(buildImportCandidate({ customerId: 'CUST-002' })).outcome).toBe('imported');
    });
  });

  describe('when a live order has the same channel ref', () => {
    it('is a duplicate of it and decides nothing else', () => {
      expect(decide(buildImportCandidate(), buildState({ status: 'imported' }))).toEqual({
        outcome: 'duplicate',
        orderId: 'ord-1',
      });
    });

    it('is imported when the only order of the ref is a rejected submission', () => {
      const rejected = buildState({ status: 'rejected' });
      expect(decide(buildImportCandidate(), rejected).outcome).toBe('imported');
    });
  });

  describe('when master data does not know a code', () => {
    it('is unmappable with the reasons a submitted order gets, on the sale order line numbers', () => {
      const base = buildImportCandidate();
      const candidate = buildImportCandidate({
        customerId: 'CUST-404',
        warehouseCode: 'WH-404',
        lines: [
          { ...base.lines[0]!, lineNo: 3 },
          { ...base.lines[1]!, lineNo: 7, sku: 'NOPE-1' },
          { ...base.lines[0]!, lineNo: 9, sku: 'FURN-002', uom: 'XX' },
        ],
      });
      expect(decide(candidate)).toEqual({
        outcome: 'unmappable',
        reasons: [
          { code: 'UNKNOWN_CUSTOMER', message: "customer 'CUST-404' is not known" },
          { code: 'UNKNOWN_WAREHOUSE', message: "warehouse 'WH-404' is not known" },
          { code: 'UNKNOWN_SKU', message: "SKU 'NOPE-1' is not sold", lineNo: 7 },
          { code: 'UNKNOWN_UOM', message: "unit 'XX' is unknown", lineNo: 9 },
        ],
      });
    });

    it('names an archived SKU, a currency the customer is not invoiced in and an empty order', () => {
      const base = buildImportCandidate();
      const archived = buildImportCandidate({
        currency: 'USD',
        lines: [{ ...base.lines[0]!, sku: 'OLD-01' }],
      });
      expect(decide(archived)).toMatchObject({
        outcome: 'unmappable',
        reasons: [
          { code: 'CURRENCY_MISMATCH' },
          { code: 'SKU_INACTIVE', lineNo: base.lines[0]!.lineNo },
        ],
      });
      expect(decide(buildImportCandidate({ lines: [] }))).toMatchObject({
        outcome: 'unmappable',
        reasons: [{ code: 'EMPTY_ORDER' }],
      });
    });

    it('refuses a repeated line number', () => {
      const base = buildImportCandidate();
      const candidate = buildImportCandidate({
        lines: [base.lines[0]!, { ...base.lines[1]!, lineNo: base.lines[0]!.lineNo }],
      });
      expect(decide(candidate)).toEqual({
        outcome: 'unmappable',
        reasons: [{ code: 'DUPLICATE_LINE', message: 'line number 1 repeats', lineNo: 1 }],
      });
    });
  });
});
