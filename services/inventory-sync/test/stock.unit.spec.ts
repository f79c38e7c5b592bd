import { familyOf } from '../src/domain/catalogue';
import { inOdooFigure, isStaleFigure, unconfirmedQuantity } from '../src/domain/dispatch-lag';
import { DomainError } from '../src/domain/errors';
import { decideConsume, decideRelease, type HeldReservation } from '../src/domain/release';
import { atpOf } from '../src/domain/stock';
import { decideDrift, decideQuant, decideReturn, raisesAtp } from '../src/domain/stock-updates';
import { fitIn, fromBase, toBase } from '../src/domain/units';
import { simCatalogue } from './catalogue';

const held = (state: HeldReservation['state']): HeldReservation => ({
  reservationId: 'res-1',
  warehouseCode: 'WH',
  state,
  lines: [
    { lineNo: 1, sku: 'FURN-001', quantity: 2, uom: 'EA', baseQuantity: 2 },
    { lineNo: 2, sku: 'SCRW-12', quantity: 1, uom: 'DZ', baseQuantity: 12 },
  ],
});

describe('units', () => {
  it('converts dozens to each and back; EA and KG are their own base', () => {
    expect(toBase(simCatalogue, 3, 'DZ', 'EA')).toBe(36);
    expect(fromBase(simCatalogue, 18, 'DZ')).toBe(1.5);
    expect(toBase(simCatalogue, 1.25, 'KG', 'KG')).toBe(1.25);
  });
  it('fits whole units for EA/DZ and any amount for KG', () => {
    expect(fitIn(simCatalogue, 30, 'DZ')).toBe(2);
    expect(fitIn(simCatalogue, 2.7, 'EA')).toBe(2);
    expect(fitIn(simCatalogue, 2.7, 'KG')).toBe(2.7);
    expect(fitIn(simCatalogue, -1, 'EA')).toBe(0);
  });
  it('refuses an unknown unit or a conversion across bases', () => {
    expect(() => toBase(simCatalogue, 1, 'BOX', 'EA')).toThrow(DomainError);
    expect(() => toBase(simCatalogue, 1, 'KG', 'EA')).toThrow(
      expect.objectContaining({ code: 'UOM_NOT_CONVERTIBLE' }) as Error,
    );
  });
});

describe('atpOf', () => {
  it('is on hand minus reserved, never below 0', () => {
    expect(atpOf({ onHand: 10, reserved: 4 })).toBe(6);
    expect(atpOf({ onHand: 2, reserved: 5 })).toBe(0);
    expect(atpOf(undefined)).toBe(0);
  });
});

describe('decideRelease', () => {
  it('given an open reservation, gives every line back to ATP in base units', () => {
    const moves = decideRelease(held('open'));
    expect(moves.map((m) => [m.sku, m.reservedDelta, m.onHandDelta, m.key])).toEqual([
      ['FURN-001', -2, 0, 'release:res-1:1:FURN-001'],
      ['SCRW-12', -12, 0, 'release:res-1:2:SCRW-12'],
    ]);
    expect(moves.every(raisesAtp)).toBe(true);
  });
  it('given a consumed or released reservation, releases nothing', () => {
    expect(decideRelease(held('consumed'))).toEqual([]);
    expect(decideRelease(held('released'))).toEqual([]);
  });
});

describe('decideConsume', () => {
  it('given an open reservation, takes its lines off reserved and on hand', () => {
    const moves = decideConsume(held('open'), 'shp-1');
    expect(moves.map((m) => [m.sku, m.onHandDelta, m.reservedDelta, m.key])).toEqual([
      ['FURN-001', -2, -2, 'dispatch:shp-1:1:FURN-001'],
      ['SCRW-12', -12, -12, 'dispatch:shp-1:2:SCRW-12'],
    ]);
  });
  it('given a released reservation, consumes nothing', () => {
    expect(decideConsume(held('released'), 'shp-1')).toEqual([]);
  });
});

describe('decideReturn', () => {
  it('puts resaleable lines back on hand and writes damaged ones off', () => {
    const moves = decideReturn(
      {
        returnId: 'rma-1',
        warehouseCode: 'WH',
        lines: [
          { lineNo: 1, sku: 'SCRW-12', quantity: 2, uom: 'DZ', condition: 'RESALEABLE' },
          { lineNo: 2, sku: 'FURN-001', quantity: 1, uom: 'EA', condition: 'DAMAGED' },
        ],
      },
      simCatalogue,
    );
    expect(moves).toEqual([
      {
        sku: 'SCRW-12',
        warehouseCode: 'WH',
        onHandDelta: 24,
        reservedDelta: 0,
        cause: 'return',
        key: 'return:rma-1:1:SCRW-12',
      },
    ]);
  });
});

const quant = (quantityOnHand: number, odooWriteDate: number, uom = 'EA', sku = 'FURN-001') => ({
  sku,
  warehouseCode: 'WH',
  quantityOnHand,
  uom,
  odooWriteDate,
});

describe('decideQuant', () => {
  it("given a newer write_date, moves on hand to Odoo's figure", () => {
    const move = decideQuant({ onHand: 10, odooWriteDate: 100 }, quant(60, 200), simCatalogue);
    expect(move).toMatchObject({ onHandDelta: 50, reservedDelta: 0, key: 'odoo:200:60' });
  });
  it('given a first quant for a position, adopts it', () => {
    expect(
      decideQuant({ onHand: 0, odooWriteDate: null }, quant(5, 1), simCatalogue)?.onHandDelta,
    ).toBe(5);
  });
  it('given a stale write_date, or the same second and quantity again, ignores it', () => {
    expect(
      decideQuant({ onHand: 10, odooWriteDate: 200 }, quant(60, 100), simCatalogue),
    ).toBeUndefined();
    expect(
      decideQuant({ onHand: 60, odooWriteDate: 200 }, quant(60, 200), simCatalogue),
    ).toBeUndefined();
  });

  it('given a figure of the same second read before the last one, ignores it', () => {
    expect(
      decideQuant(
        { onHand: 6, odooWriteDate: 200, odooReadAt: 50 },
        { ...quant(10, 200), readAt: 40 },
        simCatalogue,
      ),
    ).toBeUndefined();
  });

  it('given another quantity within the same second, adopts it (write_date has whole seconds)', () => {
    const move = decideQuant({ onHand: 0, odooWriteDate: 200 }, quant(20, 200), simCatalogue);
    expect(move).toMatchObject({ onHandDelta: 20, key: 'odoo:200:20' });
  });
  it('given dispatches Odoo still holds, adopts its figure less them', () => {
    const move = decideQuant({ onHand: 6, odooWriteDate: 100 }, quant(10, 200), simCatalogue, 4);
    expect(move?.onHandDelta).toBe(0);
    expect(
      decideQuant({ onHand: 6, odooWriteDate: 100 }, quant(9, 300), simCatalogue, 4),
    ).toMatchObject({
      onHandDelta: -1,
      key: 'odoo:300:9-4',
    });
  });
  it("converts Odoo's dozens to the SKU's base unit", () => {
    const move = decideQuant(
      { onHand: 0, odooWriteDate: null },
      quant(100, 1, 'DZ', 'SCRW-12'),
      simCatalogue,
    );
    expect(move?.onHandDelta).toBe(1200);
  });
});

describe('decideDrift', () => {
  const position = { sku: 'FURN-001', warehouseCode: 'WH', onHand: 60, reserved: 5, uom: 'EA' };
  it("given Odoo's figure differs, reports the drift in base units", () => {
    expect(decideDrift(position, quant(55, 1), simCatalogue)).toEqual({
      sku: 'FURN-001',
      warehouseCode: 'WH',
      expectedOnHand: 60,
      odooOnHand: 55,
      drift: -5,
      uom: 'EA',
    });
  });
  it('given equal figures, reports nothing', () => {
    expect(decideDrift(position, quant(60, 1), simCatalogue)).toBeUndefined();
  });
  it('given dispatches Odoo still holds, compares its figure less them', () => {
    expect(decideDrift(position, quant(64, 1), simCatalogue, 4)).toBeUndefined();
    expect(decideDrift(position, quant(64, 1), simCatalogue, 0)?.drift).toBe(4);
  });
  it('given no position yet, drifts from 0', () => {
    expect(decideDrift(undefined, quant(100, 1, 'DZ', 'SCRW-12'), simCatalogue)?.drift).toBe(1200);
  });
});

describe('unconfirmedQuantity', () => {
  const lag = [
    { shipmentId: 'a', quantity: 4, validatedAt: null, seenAt: null },
    { shipmentId: 'b', quantity: 2, validatedAt: 200_000, seenAt: 200_400 },
  ];
  const at = (odooWriteDate: number | null, readAt: number | null = null) => ({
    odooWriteDate,
    readAt,
  });
  it("counts what Odoo's figure still holds: not validated, or validated later", () => {
    expect(unconfirmedQuantity(lag, at(100_000))).toBe(6);
    expect(unconfirmedQuantity(lag, at(201_000))).toBe(4);
    expect(unconfirmedQuantity(lag, at(null))).toBe(6);
  });
  it("counts a delivery validated in the figure's second out only if read after it was seen", () => {
    expect(unconfirmedQuantity(lag, at(200_000, 200_399))).toBe(6);
    expect(unconfirmedQuantity(lag, at(200_000, 200_400))).toBe(4);
  });
});

describe('inOdooFigure', () => {
  const d = { shipmentId: 'b', quantity: 2, validatedAt: 200_000, seenAt: 200_400 };
  it('takes the same second as counted out when either read time is unknown (older adapters)', () => {
    expect(inOdooFigure(d, { odooWriteDate: 200_000, readAt: null })).toBe(true);
    expect(inOdooFigure({ ...d, seenAt: null }, { odooWriteDate: 200_000, readAt: 1 })).toBe(true);
  });
  it('never counts out a delivery not yet validated, nor from a figure of an earlier second', () => {
    expect(inOdooFigure({ ...d, validatedAt: null }, { odooWriteDate: 300_000, readAt: 9e9 })).toBe(
      false,
    );
    expect(inOdooFigure(d, { odooWriteDate: 199_000, readAt: 9e9 })).toBe(false);
  });
});

describe('isStaleFigure', () => {
  const last = { odooWriteDate: 200_000, readAt: 500 };
  it('is older when written in an earlier second, or in the same second and read before', () => {
    expect(isStaleFigure(last, { odooWriteDate: 199_000, readAt: 900 })).toBe(true);
    expect(isStaleFigure(last, { odooWriteDate: 200_000, readAt: 499 })).toBe(true);
    expect(isStaleFigure(last, { odooWriteDate: 200_000, readAt: 500 })).toBe(false);
    expect(isStaleFigure(last, { odooWriteDate: 200_000, readAt: null })).toBe(false);
    expect(isStaleFigure({ odooWriteDate: null, readAt: null }, last)).toBe(false);
  });
});

describe('familyOf', () => {
  it('links a SKU with its substitute both ways; a SKU without one stands alone', () => {
    expect(familyOf(simCatalogue, 'FURN-001')).toEqual(['FURN-001', 'FURN-001-B']);
    expect(familyOf(simCatalogue, 'FURN-001-B')).toEqual(['FURN-001-B', 'FURN-001']);
    expect(familyOf(simCatalogue, 'SCRW-12')).toEqual(['SCRW-12']);
    expect(familyOf(simCatalogue, 'UNKNOWN')).toEqual(['UNKNOWN']);
  });
});
