import { PermanentError } from '@o2c/inbox';
import type { ImportedLine } from '@o2c/contracts';
import { classify } from '../src/adapters/kafka/inventory-handler';
import { decideRefresh, type KnownOrder } from '../src/domain/refresh';
import { buildImportedLine } from './build';
import { simCatalogue } from './catalogue';

/** Imported at 100: line 1 FURN-001 5 EA (2 delivered, 3 held), line 2 SCRW-12 2 DZ (none). */
const known = (overrides: Partial<KnownOrder> = {}): KnownOrder => ({
  orderId: 'ord-1',
  importedAt: 100,
  state: 'active',
  warehouseCode: 'WH',
  lines: [
    {
      lineNo: 1,
      sku: 'FURN-001',
      quantity: 5,
      uom: 'EA',
      unitPriceMinor: 12_000,
      deliveredQuantity: 2,
    },
    {
      lineNo: 2,
      sku: 'SCRW-12',
      quantity: 2,
      uom: 'DZ',
      unitPriceMinor: 12_000,
      deliveredQuantity: 0,
    },
  ],
  held: {
    reservationId: 'held-1',
    lines: [
      { lineNo: 1, sku: 'FURN-001', quantity: 3, uom: 'EA', baseQuantity: 3 },
      { lineNo: 2, sku: 'SCRW-12', quantity: 2, uom: 'DZ', baseQuantity: 24 },
    ],
  },
  ...overrides,
});
const lines = (d1: number, d2: number, l2: Partial<ImportedLine> = {}) => [
  buildImportedLine({ quantity: 5, deliveredQuantity: d1 }),
  buildImportedLine({
    lineNo: 2,
    sku: 'SCRW-12',
    quantity: 2,
    uom: 'DZ',
    deliveredQuantity: d2,
    ...l2,
  }),
];
const refresh = (ls: ImportedLine[], importedAt = 200, k = known()) =>
  decideRefresh(k, { importedAt, lines: ls }, 'cons-2', simCatalogue);
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const p = classify(e);
    return p instanceof PermanentError ? [p.code, p.message] : ['retried', String(e)];
  }
  return undefined;
};

describe('decideRefresh', () => {
  it('given more delivered, moves it from held to consumed with reserved down and on-hand untouched', () => {
    const d = refresh(lines(4, 1));
    if (d.kind !== 'refresh') throw new Error(d.kind);
    expect(d.delivered.map((l) => [l.lineNo, l.sku, l.quantity, l.uom, l.baseQuantity])).toEqual([
      [1, 'FURN-001', 2, 'EA', 2],
      [2, 'SCRW-12', 1, 'DZ', 12],
    ]);
    expect(d.held.map((l) => [l.lineNo, l.quantity, l.baseQuantity])).toEqual([
      [1, 1, 1],
      [2, 1, 12],
    ]);
    expect(d.moves.map((m) => [m.sku, m.onHandDelta, m.reservedDelta, m.cause, m.key])).toEqual([
      ['FURN-001', 0, -2, 'dispatch', 'import-delivery:cons-2:1:FURN-001'],
      ['SCRW-12', 0, -12, 'dispatch', 'import-delivery:cons-2:2:SCRW-12'],
    ]);
    expect(d.lines.map((l) => l.deliveredQuantity)).toEqual([4, 1]);
    expect(d.state).toBe('active');
  });

  it('given every line delivered, holds nothing and completes', () => {
    const d = refresh(lines(5, 2));
    if (d.kind !== 'refresh') throw new Error(d.kind);
    expect(d.held).toEqual([]);
    expect(d.moves.map((m) => m.reservedDelta)).toEqual([-3, -24]);
    expect(d.state).toBe('completed');
  });

  it('given more delivered than ordered, consumes it all but releases only what was held', () => {
    const d = refresh(lines(6, 0));
    if (d.kind !== 'refresh') throw new Error(d.kind);
    expect(d.delivered.map((l) => [l.lineNo, l.quantity])).toEqual([[1, 4]]);
    expect(d.moves.map((m) => [m.sku, m.reservedDelta])).toEqual([['FURN-001', -3]]);
    expect(d.held.map((l) => l.lineNo)).toEqual([2]);
  });

  it('given nothing new (only invoiced more), changes no stock but is applied', () => {
    const d = refresh([
      buildImportedLine({ quantity: 5, deliveredQuantity: 2, invoicedQuantity: 2 }),
      ...lines(2, 0).slice(1),
    ]);
    expect(d).toMatchObject({ kind: 'refresh', delivered: [], moves: [], state: 'active' });
  });

  it('ignores a snapshot not newer than the last applied, whatever it says', () => {
    expect(refresh(lines(0, 0), 100)).toEqual({ kind: 'stale' });
    expect(refresh([buildImportedLine({ quantity: 9 })], 50)).toEqual({ kind: 'stale' });
  });

  it('dead-letters a decrease of delivered, naming the order, the line and both quantities', () => {
    expect(refused(() => refresh(lines(1, 0)))).toEqual([
      'IMPORT_DELIVERY_DECREASED',
      'order ord-1 line 1: delivered 2 was imported, the refresh has 1',
    ]);
  });

  it('dead-letters a change of the lines', () => {
    expect(refused(() => refresh(lines(2, 0, { quantity: 3 })))).toEqual([
      'IMPORT_LINES_CHANGED',
      'order ord-1 line 2: quantity was 2, the refresh has 3',
    ]);
    expect(refused(() => refresh(lines(2, 0, { sku: 'FURN-002' })))?.[1]).toBe(
      'order ord-1 line 2: sku was SCRW-12, the refresh has FURN-002',
    );
    expect(refused(() => refresh(lines(2, 0, { unitPriceMinor: 1 })))?.[0]).toBe(
      'IMPORT_LINES_CHANGED',
    );
    expect(refused(() => refresh(lines(2, 0).slice(0, 1)))).toEqual([
      'IMPORT_LINES_CHANGED',
      'order ord-1: lines 1,2 were imported, the refresh has 1',
    ]);
  });

  it('accepts any price for a line imported before prices were kept', () => {
    const k = known();
    const old = known({
      lines: k.lines.map((l) => ({ ...l, unitPriceMinor: null })),
      importedAt: 0,
    });
    expect(refresh(lines(2, 0, { unitPriceMinor: 1 }), 200, old).kind).toBe('refresh');
  });

  it('dead-letters an OrderImported of a platform order, naming it, even an older one', () => {
    const platform = known({ importedAt: null, lines: [] });
    expect(refused(() => refresh(lines(2, 0), 1, platform))).toEqual([
      'NOT_IMPORTED',
      'order ord-1 was accepted through the platform, not imported: OrderImported refused',
    ]);
  });

  it('dead-letters a newer snapshot of an order cancelled on the platform', () => {
    expect(refused(() => refresh(lines(3, 0), 200, known({ state: 'cancelled' })))?.[0]).toBe(
      'IMPORT_CANCELLED',
    );
  });
});
