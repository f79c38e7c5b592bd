import { decideImport, type ImportRequest, type LiveOrder } from '../src/domain/order';
import { buildImportCandidate, buildMasterData, buildState } from './build';
import { NOW } from './given';

const decide = (candidate: ImportRequest, live?: LiveOrder) =>
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
    it('is a duplicate of a platform order and decides nothing else, refresh-only or not', () => {
      for (const status of ['accepted', 'cancelled', 'shipped'] as const) {
        const live = buildState({ status });
        expect(decide(buildImportCandidate(), live)).toEqual({
          outcome: 'duplicate',
          orderId: 'ord-1',
        });
        expect(decide({ ...buildImportCandidate(), refreshOnly: true }, live)).toEqual({
          outcome: 'duplicate',
          orderId: 'ord-1',
        });
      }
    });

    it('refreshes an imported order without checking master data again', () => {
      const candidate = buildImportCandidate({ customerId: 'CUST-404' });
      const last = { ...candidate, orderId: 'ord-1', importedAt: NOW - 1000 };
      const live = { ...buildState({ status: 'imported' }), lastImported: last };
      expect(decide(candidate, live)).toEqual({ outcome: 'duplicate', orderId: 'ord-1' });
      const moved = { ...candidate, deliveries: 2, refreshOnly: true };
      expect(decide(moved, live)).toEqual({
        outcome: 'refreshed',
        event: { type: 'OrderImported', data: { ...last, deliveries: 2, importedAt: NOW } },
      });
      expect(decide({ ...candidate, odooSaleOrderId: 1 }, live)).toMatchObject({
        outcome: 'unmappable',
        reasons: [{ code: 'IMPORT_CONFLICT' }],
      });
    });

    it('is unmappable when an imported order has no published state to compare with', () => {
      expect(decide(buildImportCandidate(), buildState({ status: 'imported' }))).toEqual({
        outcome: 'unmappable',
        reasons: [
          {
            code: 'IMPORT_CONFLICT',
            message: 'order ord-1 is imported but its published state is not known',
          },
        ],
      });
    });

    it('skips a refresh-only candidate nobody imported (or only rejected)', () => {
      const candidate = { ...buildImportCandidate({ customerId: 'CUST-404' }), refreshOnly: true };
      expect(decide(candidate)).toEqual({ outcome: 'skipped' });
      expect(decide(candidate, buildState({ status: 'rejected' }))).toEqual({
        outcome: 'skipped',
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
