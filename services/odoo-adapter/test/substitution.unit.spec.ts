import type { DomainError } from '../src/domain/errors';
import type { MasterData, ProductRef } from '../src/domain/master-data';
import { planSubstitution, type SaleLineState } from '../src/domain/substitution';
import { buildMasterData } from './build';

const basic: ProductRef = { id: 13, sku: 'SKU-CHAIR-B', uomId: 1, name: 'Basic chair' };
const base = buildMasterData();
const md: MasterData = {
  ...base,
  products: new Map([...base.products, [basic.sku, basic]]),
  productsById: new Map([...base.productsById, [basic.id, basic]]),
};

/** Given: a confirmed order of 3 chairs (line 1) and 1 desk (line 2), nothing shipped yet. */
const chairs: SaleLineState = {
  id: 101,
  lineNo: 1,
  productId: 11,
  quantity: 3,
  openDemand: 3,
  priceUnit: 120,
  uomId: 1,
};
const desk: SaleLineState = { ...chairs, id: 102, lineNo: 2, productId: 12, quantity: 1 };
desk.openDemand = 1;

describe('planSubstitution', () => {
  it('given no substitute shipped, when planned, then the order stays as it is', () => {
    const plan = planSubstitution(
      [chairs, desk],
      [{ lineNo: 1, sku: 'SKU-CHAIR', quantity: 2 }],
      md,
    );
    expect(plan).toEqual([]);
  });

  it('given 1 chair and 2 basic chairs shipped for line 1, when planned, then line 1 drops to 1 and a basic-chair line of 2 at the ordered price is added', () => {
    const plan = planSubstitution(
      [chairs, desk],
      [
        { lineNo: 1, sku: 'SKU-CHAIR', quantity: 1 },
        { lineNo: 1, sku: 'SKU-CHAIR-B', quantity: 2 },
      ],
      md,
    );
    expect(plan).toEqual([
      { kind: 'set-quantity', lineId: 101, quantity: 1, priceUnit: 120 },
      { kind: 'add-line', lineNo: 1, productId: 13, quantity: 2, priceUnit: 120, uomId: 1 },
    ]);
  });

  it('given the amendment already committed (the substitute line demands it in the open delivery), when planned again, then nothing is amended', () => {
    const amended = [
      { ...chairs, quantity: 1, openDemand: 1 },
      desk,
      { ...chairs, id: 103, productId: 13, quantity: 2, openDemand: 2 },
    ];
    const plan = planSubstitution(
      amended,
      [
        { lineNo: 1, sku: 'SKU-CHAIR', quantity: 1 },
        { lineNo: 1, sku: 'SKU-CHAIR-B', quantity: 2 },
      ],
      md,
    );
    expect(plan).toEqual([]);
  });

  it('given an earlier substitute shipment already delivered, when more of the substitute ships, then the existing substitute line is raised instead of adding another', () => {
    const lines = [
      { ...chairs, quantity: 2, openDemand: 2 },
      desk,
      { ...chairs, id: 103, productId: 13, quantity: 1, openDemand: 0 },
    ];
    const plan = planSubstitution(lines, [{ lineNo: 1, sku: 'SKU-CHAIR-B', quantity: 2 }], md);
    expect(plan).toEqual([
      { kind: 'set-quantity', lineId: 101, quantity: 0, priceUnit: 120 },
      { kind: 'set-quantity', lineId: 103, quantity: 3, priceUnit: 120 },
    ]);
  });

  it('given more substitute than the ordered line still has open, when planned, then it is refused as exceeding demand', () => {
    const shipped = [
      { lineNo: 1, sku: 'SKU-CHAIR', quantity: 2 },
      { lineNo: 1, sku: 'SKU-CHAIR-B', quantity: 2 },
    ];
    expect(() => planSubstitution([chairs, desk], shipped, md)).toThrow(
      expect.objectContaining({ code: 'SHIPMENT_EXCEEDS_DEMAND' }) as DomainError,
    );
  });

  it('given a line number the sale order lacks, when planned, then nothing is amended (validation alone decides)', () => {
    expect(
      planSubstitution([chairs], [{ lineNo: 7, sku: 'SKU-CHAIR-B', quantity: 1 }], md),
    ).toEqual([]);
  });

  it('given an unknown SKU, when planned, then it is refused as unknown', () => {
    expect(() => planSubstitution([chairs], [{ lineNo: 1, sku: 'NOPE', quantity: 1 }], md)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_SKU' }) as DomainError,
    );
  });
});
