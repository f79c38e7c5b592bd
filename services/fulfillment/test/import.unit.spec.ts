import {
  DomainError,
  decideImport,
  decideImportCancel,
  decideRefresh,
  orderState,
  type AppliedImport,
} from '../src/domain';
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

describe('decideRefresh', () => {
  const first = buildOrderImported([1, 0], [1, 0], { deliveries: 1, importedAt: 1_000 });
  const applied = (): AppliedImport => {
    const o = decideImport(first);
    return { ...o, importedAt: first.importedAt };
  };
  const refused = (e: Parameters<typeof decideRefresh>[1]) => {
    try {
      decideRefresh(applied(), e);
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, message: error.message };
    }
    return undefined;
  };

  it('given a newer snapshot with more delivered and invoiced, then replaces the facts', () => {
    const next = { ...first, importedAt: 2_000, deliveries: 2 };
    next.lines = first.lines.map((l) => ({
      ...l,
      deliveredQuantity: l.quantity,
      invoicedQuantity: l.quantity,
    }));
    expect(decideRefresh(applied(), next)).toMatchObject({
      kind: 'refresh',
      order: {
        state: 'COMPLETED',
        shippedByLine: { 1: 2, 2: 3 },
        invoicedByLine: { 1: 2, 2: 3 },
        deliveries: 2,
      },
    });
  });

  it('given a snapshot not newer than the last applied, then stale, whatever it carries', () => {
    expect(decideRefresh(applied(), first)).toEqual({ kind: 'stale' });
    const older = buildOrderImported([0, 0], [0, 0], { ...first, importedAt: 999, lines: [] });
    expect(decideRefresh(applied(), older)).toEqual({ kind: 'stale' });
  });

  it('given a delivered or invoiced quantity lower than applied, then refused with the line', () => {
    const lower = (field: 'deliveredQuantity' | 'invoicedQuantity') => ({
      ...first,
      importedAt: 2_000,
      lines: first.lines.map((l) => (l.lineNo === 1 ? { ...l, [field]: 0.5 } : l)),
    });
    expect(refused(lower('deliveredQuantity'))).toEqual({
      code: 'IMPORT_QUANTITY_DECREASED',
      message: `imported order ${first.orderId}: delivered quantity decreased: line 1 1 -> 0.5`,
    });
    expect(refused(lower('invoicedQuantity'))?.message).toMatch(
      /invoiced quantity decreased: line 1 1 -> 0.5$/,
    );
  });

  it('given changed lines or another sale order, then refused with what changed', () => {
    const later = { ...first, importedAt: 2_000 };
    const withLine2 = (patch: object) => ({
      ...later,
      lines: later.lines.map((l) => (l.lineNo === 2 ? { ...l, ...patch } : l)),
    });
    expect(refused(withLine2({ sku: 'NAIL-BIG' }))).toEqual({
      code: 'IMPORT_LINES_CHANGED',
      message: `imported order ${first.orderId}: lines changed: [2 NAIL-BOX 3 DZ] became [2 NAIL-BIG 3 DZ]`,
    });
    expect(refused(withLine2({ quantity: 4 }))?.code).toBe('IMPORT_LINES_CHANGED');
    expect(refused(withLine2({ uom: 'EA' }))?.code).toBe('IMPORT_LINES_CHANGED');
    expect(refused({ ...later, lines: later.lines.slice(0, 1) })?.message).toMatch(
      /\[2 NAIL-BOX 3 DZ\] became \[\]$/,
    );
    expect(refused({ ...later, channelOrderRef: 'S99999' })?.code).toBe(
      'IMPORT_SALE_ORDER_CHANGED',
    );
  });

  it('given the same lines listed in another order, then refreshed', () => {
    const next = { ...first, importedAt: 2_000, lines: [...first.lines].reverse() };
    expect(decideRefresh(applied(), next).kind).toBe('refresh');
  });

  it('given an order cancelled in Odoo, then a newer snapshot adds the facts and it stays cancelled', () => {
    const next = { ...first, importedAt: 2_000, deliveries: 2 };
    next.lines = first.lines.map((l) => ({
      ...l,
      deliveredQuantity: l.quantity,
      invoicedQuantity: l.quantity,
    }));
    expect(decideRefresh({ ...applied(), state: 'CANCELLED' }, next)).toMatchObject({
      kind: 'refresh',
      order: { state: 'CANCELLED', shippedByLine: { 1: 2, 2: 3 }, deliveries: 2 },
    });
  });
});

describe('decideImportCancel', () => {
  it('given an open imported order, then cancelled', () => {
    expect(decideImportCancel('IMPORTED')).toBe('cancelled');
  });

  it('given a completed one, then it stays completed; given one cancelled, then a duplicate', () => {
    expect(decideImportCancel('COMPLETED')).toBe('completed');
    expect(decideImportCancel('CANCELLED')).toBe('duplicate');
  });
});
