import { classify } from '../src/adapters/kafka/inventory-handler';
import { PermanentError } from '@o2c/inbox';
import { decideImport } from '../src/domain/import';
import { buildImported, buildImportedLine } from './build';
import { simCatalogue } from './catalogue';

/** Given an order as Odoo holds it / When it is imported / Then what is held and what consumed. */
const whenImporting = (lines: Parameters<typeof buildImported>[0]) =>
  decideImport(buildImported(lines), 'res-1', simCatalogue);
const parts = (ls: ReturnType<typeof whenImporting>['held']) =>
  ls.map((l) => [l.lineNo, l.sku, l.quantity, l.uom, l.baseQuantity]);

describe('decideImport', () => {
  it('given nothing delivered, holds every line in full and stays active', () => {
    const d = whenImporting([
      buildImportedLine({ quantity: 4 }),
      buildImportedLine({ lineNo: 2, sku: 'SCRW-12', quantity: 2, uom: 'DZ' }),
    ]);
    expect(parts(d.held)).toEqual([
      [1, 'FURN-001', 4, 'EA', 4],
      [2, 'SCRW-12', 2, 'DZ', 24],
    ]);
    expect(d.delivered).toEqual([]);
    expect(d.moves.map((m) => [m.sku, m.onHandDelta, m.reservedDelta, m.cause, m.key])).toEqual([
      ['FURN-001', 0, 4, 'reservation', 'reserve:res-1:1:FURN-001'],
      ['SCRW-12', 0, 24, 'reservation', 'reserve:res-1:2:SCRW-12'],
    ]);
    expect(d.state).toBe('active');
  });

  it('given a partial delivery, holds the rest and records the delivered part without a move', () => {
    const d = whenImporting([
      buildImportedLine({ quantity: 5, deliveredQuantity: 2 }),
      buildImportedLine({
        lineNo: 2,
        sku: 'COFF-1KG',
        quantity: 1.5,
        uom: 'KG',
        deliveredQuantity: 1.5,
      }),
    ]);
    expect(parts(d.held)).toEqual([[1, 'FURN-001', 3, 'EA', 3]]);
    expect(parts(d.delivered)).toEqual([
      [1, 'FURN-001', 2, 'EA', 2],
      [2, 'COFF-1KG', 1.5, 'KG', 1.5],
    ]);
    expect(d.moves.map((m) => [m.sku, m.onHandDelta, m.reservedDelta])).toEqual([
      ['FURN-001', 0, 3],
    ]);
    expect(d.state).toBe('active');
  });

  it('given every line delivered, holds nothing and is completed', () => {
    const d = whenImporting([
      buildImportedLine({ quantity: 2, uom: 'DZ', sku: 'SCRW-12', deliveredQuantity: 2 }),
    ]);
    expect(d.held).toEqual([]);
    expect(d.moves).toEqual([]);
    expect(parts(d.delivered)).toEqual([[1, 'SCRW-12', 2, 'DZ', 24]]);
    expect(d.state).toBe('completed');
  });

  it('given more delivered than ordered (Odoo allows it), holds nothing and consumes what was delivered', () => {
    const d = whenImporting([buildImportedLine({ quantity: 2, deliveredQuantity: 3 })]);
    expect(d.held).toEqual([]);
    expect(parts(d.delivered)).toEqual([[1, 'FURN-001', 3, 'EA', 3]]);
  });

  it('never substitutes: the SKU is what Odoo holds', () => {
    const d = whenImporting([buildImportedLine({ sku: 'FURN-001', quantity: 1 })]);
    expect(d.held.map((l) => [l.sku, l.substituted])).toEqual([['FURN-001', false]]);
  });

  it("holds an unknown SKU in its line unit's base, as a reservation would", () => {
    const d = whenImporting([buildImportedLine({ sku: 'NEW-SKU-9', quantity: 1, uom: 'DZ' })]);
    expect(parts(d.held)).toEqual([[1, 'NEW-SKU-9', 1, 'DZ', 12]]);
  });

  it('refuses the whole order for an unknown unit (retried) or a foreign one (dead-lettered), even on a delivered line', () => {
    const unknown = () =>
      whenImporting([
        buildImportedLine(),
        buildImportedLine({ lineNo: 2, uom: 'BOX', deliveredQuantity: 2 }),
      ]);
    const foreign = () =>
      whenImporting([buildImportedLine({ uom: 'KG', quantity: 2, deliveredQuantity: 2 })]);
    expect(unknown).toThrow(expect.objectContaining({ code: 'UNKNOWN_UOM' }) as Error);
    expect(foreign).toThrow(expect.objectContaining({ code: 'UOM_NOT_CONVERTIBLE' }) as Error);
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return classify(e);
      }
      return undefined;
    };
    expect(caught(unknown)).not.toBeInstanceOf(PermanentError);
    expect(caught(foreign)).toBeInstanceOf(PermanentError);
  });
});
