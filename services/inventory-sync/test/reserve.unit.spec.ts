import { decideFill, type OpenBackorderLine } from '../src/domain/fill-backorders';
import { decideReserve } from '../src/domain/reserve';
import { buildLine, buildOrder } from './build';
import { simCatalogue } from './catalogue';

/** Given ATP per SKU (base units) / When the order is reserved / Then lines, backorders, moves. */
const given = (atp: Record<string, number>) => {
  const book = new Map(Object.entries(atp));
  return {
    book,
    whenReserving: (lines: Parameters<typeof buildOrder>[0]) =>
      decideReserve(buildOrder(lines), book, 'res-1', simCatalogue),
  };
};

describe('decideReserve', () => {
  describe('when ATP covers the line', () => {
    it('reserves it in full and backorders nothing', () => {
      const g = given({ 'FURN-001': 10 });
      const d = g.whenReserving([buildLine({ quantity: 4 })]);
      expect(d.reserved).toEqual([
        {
          lineNo: 1,
          orderedSku: 'FURN-001',
          sku: 'FURN-001',
          quantity: 4,
          uom: 'EA',
          baseQuantity: 4,
          substituted: false,
        },
      ]);
      expect(d.backordered).toEqual([]);
      expect(d.moves).toEqual([
        {
          sku: 'FURN-001',
          warehouseCode: 'WH',
          onHandDelta: 0,
          reservedDelta: 4,
          cause: 'reservation',
          key: 'reserve:res-1:1:FURN-001',
        },
      ]);
      expect(g.book.get('FURN-001')).toBe(6);
    });
  });

  describe('when ATP is short and the line allows no substitute', () => {
    it('reserves what there is and backorders the rest', () => {
      const d = given({ 'FURN-001': 3, 'FURN-001-B': 50 }).whenReserving([
        buildLine({ quantity: 5, substitutionAllowed: false }),
      ]);
      expect(d.reserved.map((l) => [l.sku, l.quantity])).toEqual([['FURN-001', 3]]);
      expect(d.backordered).toEqual([
        { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA', substitutionAllowed: false },
      ]);
    });
  });

  describe('when ATP is short and the line allows the SKU substitute', () => {
    it('reserves the rest from FURN-001-B as a separate substituted line', () => {
      const d = given({ 'FURN-001': 3, 'FURN-001-B': 1 }).whenReserving([
        buildLine({ quantity: 5, substitutionAllowed: true }),
      ]);
      expect(d.reserved.map((l) => [l.lineNo, l.sku, l.quantity, l.substituted])).toEqual([
        [1, 'FURN-001', 3, false],
        [1, 'FURN-001-B', 1, true],
      ]);
      expect(d.backordered.map((l) => l.quantity)).toEqual([1]);
    });
  });

  describe('when the SKU has no substitute', () => {
    it('backorders even though the line allows substitution', () => {
      const d = given({ 'FURN-002': 0 }).whenReserving([
        buildLine({ sku: 'FURN-002', quantity: 2, substitutionAllowed: true }),
      ]);
      expect(d.reserved).toEqual([]);
      expect(d.backordered.map((l) => [l.sku, l.quantity])).toEqual([['FURN-002', 2]]);
    });
  });

  describe('when the position does not exist', () => {
    it('takes ATP as 0 and backorders the whole line', () => {
      const d = given({}).whenReserving([buildLine({ sku: 'COFF-1KG', quantity: 1.5, uom: 'KG' })]);
      expect(d.reserved).toEqual([]);
      expect(d.backordered.map((l) => l.quantity)).toEqual([1.5]);
    });
  });

  describe('when the line is in dozens', () => {
    it('reserves whole dozens from the base-unit (EA) ATP and backorders the rest', () => {
      const d = given({ 'SCRW-12': 30 }).whenReserving([
        buildLine({ sku: 'SCRW-12', quantity: 3, uom: 'DZ' }),
      ]);
      expect(d.reserved.map((l) => [l.quantity, l.uom, l.baseQuantity])).toEqual([[2, 'DZ', 24]]);
      expect(d.backordered.map((l) => [l.quantity, l.uom])).toEqual([[1, 'DZ']]);
      expect(d.moves[0]?.reservedDelta).toBe(24);
    });
  });

  describe('when the line is in kilograms', () => {
    it('reserves a fractional quantity', () => {
      const d = given({ 'COFF-1KG': 1.2 }).whenReserving([
        buildLine({ sku: 'COFF-1KG', quantity: 2, uom: 'KG' }),
      ]);
      expect(d.reserved.map((l) => l.quantity)).toEqual([1.2]);
      expect(d.backordered.map((l) => l.quantity)).toEqual([0.8]);
    });
  });

  describe('when two lines compete for one SKU', () => {
    it('never promises the same stock twice', () => {
      const d = given({ 'FURN-001-B': 3 }).whenReserving([
        buildLine({ lineNo: 1, sku: 'FURN-001-B', quantity: 2 }),
        buildLine({ lineNo: 2, sku: 'FURN-001', quantity: 2, substitutionAllowed: true }),
      ]);
      const total = d.reserved.reduce((s, l) => s + l.baseQuantity, 0);
      expect(total).toBe(3);
      expect(d.backordered.map((l) => [l.lineNo, l.quantity])).toEqual([[2, 1]]);
    });
  });
});

const open = (o: Partial<OpenBackorderLine>): OpenBackorderLine => ({
  backorderId: 'bo-1',
  orderId: 'ord-1',
  lineNo: 1,
  sku: 'FURN-001',
  uom: 'EA',
  open: 2,
  substitutionAllowed: false,
  ...o,
});

describe('decideFill', () => {
  let n = 0;
  const ids = () => `res-${++n}`;
  beforeEach(() => (n = 0));

  describe('when ATP rises below what the backorders wait for', () => {
    it('fills the oldest first, one new reservation per order', () => {
      const fills = decideFill(
        'WH',
        [open({ orderId: 'old', open: 3 }), open({ orderId: 'new', backorderId: 'bo-2', open: 3 })],
        new Map([['FURN-001', 4]]),
        ids,
        simCatalogue,
      );
      expect(fills.map((f) => [f.orderId, f.reservationId, f.lines[0]?.quantity])).toEqual([
        ['old', 'res-1', 3],
        ['new', 'res-2', 1],
      ]);
      expect(fills.map((f) => f.remaining)).toEqual([
        [{ backorderId: 'bo-1', lineNo: 1, open: 0 }],
        [{ backorderId: 'bo-2', lineNo: 1, open: 2 }],
      ]);
      expect(fills[1]?.moves[0]?.key).toBe('reserve:res-2:1:FURN-001');
    });
  });

  describe('when only the substitute has stock', () => {
    it('fills a line that allows it and leaves one that does not', () => {
      const fills = decideFill(
        'WH',
        [
          open({ orderId: 'refuses', substitutionAllowed: false }),
          open({ orderId: 'allows', backorderId: 'bo-2', substitutionAllowed: true }),
        ],
        new Map([
          ['FURN-001', 0],
          ['FURN-001-B', 5],
        ]),
        ids,
        simCatalogue,
      );
      expect(fills).toHaveLength(1);
      expect(fills[0]?.orderId).toBe('allows');
      expect(fills[0]?.lines[0]).toMatchObject({
        sku: 'FURN-001-B',
        substituted: true,
        quantity: 2,
      });
    });
  });

  describe('when there is no ATP', () => {
    it('fills nothing', () => {
      expect(decideFill('WH', [open({})], new Map(), ids, simCatalogue)).toEqual([]);
    });
  });
});
