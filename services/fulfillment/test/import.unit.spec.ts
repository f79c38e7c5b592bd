import { decideImport, orderState } from '../src/domain';
import { buildOrderImported } from './flow-events';
import { buildView } from './build';

describe('decideImport', () => {
  it('given nothing delivered, then IMPORTED with nothing shipped', () => {
    expect(decideImport(buildOrderImported())).toMatchObject({
      state: 'IMPORTED',
      shippedByLine: {},
      deliveries: 0,
    });
  });

  it('given part delivered and invoiced, then IMPORTED and shipped only the delivered lines', () => {
    const decided = decideImport(buildOrderImported([2, 0], [2, 0], { deliveries: 1 }));
    expect(decided).toMatchObject({ state: 'IMPORTED', shippedByLine: { 1: 2 }, deliveries: 1 });
  });

  it('given everything delivered but not all invoiced, then IMPORTED', () => {
    expect(decideImport(buildOrderImported([2, 3], [2, 0])).state).toBe('IMPORTED');
  });

  it('given everything delivered and invoiced as delivered, then COMPLETED', () => {
    const decided = decideImport(buildOrderImported([2, 3], [2, 3], { deliveries: 2 }));
    expect(decided).toMatchObject({ state: 'COMPLETED', shippedByLine: { 1: 2, 2: 3 } });
    expect(decided.lines).toEqual([
      { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA' },
      { lineNo: 2, sku: 'NAIL-BOX', quantity: 3, uom: 'DZ' },
    ]);
  });

  it('given an over-delivery invoiced as delivered, then COMPLETED; invoiced beyond delivered is not', () => {
    expect(decideImport(buildOrderImported([2, 4], [2, 4])).state).toBe('COMPLETED');
    expect(decideImport(buildOrderImported([2, 3], [2, 4])).state).toBe('IMPORTED');
  });

  it('given float noise in Odoo quantities, then still COMPLETED', () => {
    expect(decideImport(buildOrderImported([2 - 1e-12, 3], [2, 3])).state).toBe('COMPLETED');
    const noisy = buildOrderImported([2, 3], [2, 3]);
    noisy.lines[0]!.invoicedQuantity = 2.0000000000001;
    expect(decideImport(noisy).state).toBe('COMPLETED');
  });
});

describe('orderState of an imported order', () => {
  it('is the imported state, whatever shipments or backorders say', () => {
    const imported = { state: 'IMPORTED' as const, shippedByLine: { 1: 2 }, deliveries: 1 };
    expect(orderState(buildView({ imported }))).toBe('IMPORTED');
    expect(orderState(buildView({ imported, openBackorders: { 2: 5 } }))).toBe('IMPORTED');
    expect(orderState(buildView({ imported: { ...imported, state: 'COMPLETED' } }))).toBe(
      'COMPLETED',
    );
  });
});
