import { DomainError } from '../src/domain/errors';
import { advanceCursor, EPOCH, pollFrom } from '../src/domain/poll-window';
import { planReturn } from '../src/domain/return-plan';
import { saleOrderVals } from '../src/domain/sale-order';
import { planValidation } from '../src/domain/shipment-plan';
import { buildMasterData } from './build';

const md = buildMasterData();
const order = {
  orderId: 'ord-1',
  customerId: 'CUST-001',
  warehouseCode: 'WH2',
  currency: 'EUR',
  customerPurchaseOrderRef: null,
  lines: [{ lineNo: 1, sku: 'SKU-CHAIR', quantity: 3, uom: 'UNIT', unitPriceMinor: 12_950 }],
};

describe('saleOrderVals', () => {
  it('maps the order onto Odoo ids with our order id as the lookup key, its pricelist and our prices', () => {
    expect(saleOrderVals(order, md, 'product_uom', 2)).toEqual({
      partner_id: 8,
      pricelist_id: 2,
      warehouse_id: 2,
      client_order_ref: 'ord-1',
      origin: 'ord-1',
      order_line: [
        [
          0,
          0,
          { product_id: 11, product_uom_qty: 3, product_uom: 1, price_unit: 129.5, sequence: 1 },
        ],
      ],
    });
  });

  it('uses the version-specific unit field name', () => {
    const vals = saleOrderVals(order, md, 'product_uom_id', 2) as {
      order_line: [number, number, object][];
    };
    expect(vals.order_line[0]?.[2]).toHaveProperty('product_uom_id', 1);
  });

  it.each([
    [{ customerId: 'NOPE' }, 'UNKNOWN_CUSTOMER'],
    [{ warehouseCode: 'WH9' }, 'UNKNOWN_WAREHOUSE'],
    [
      { lines: [{ lineNo: 1, sku: 'SKU-X', quantity: 1, uom: 'UNIT', unitPriceMinor: 1 }] },
      'UNKNOWN_SKU',
    ],
    [
      { lines: [{ lineNo: 1, sku: 'SKU-DESK', quantity: 1, uom: 'BOX', unitPriceMinor: 1 }] },
      'UNKNOWN_UOM',
    ],
  ])('refuses unknown master data %j with %s', (override, code) => {
    const attempt = () => saleOrderVals({ ...order, ...override }, md, 'product_uom', 2);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ code }) as Error);
  });
});

describe('planValidation', () => {
  const moves = [
    { id: 101, productId: 11, demand: 5 },
    { id: 102, productId: 12, demand: 2 },
  ];

  it('ships everything: no backorder', () => {
    const plan = planValidation(
      moves,
      [
        { sku: 'SKU-CHAIR', quantity: 5 },
        { sku: 'SKU-DESK', quantity: 2 },
      ],
      md,
    );
    expect(plan).toEqual({
      quantities: [
        { moveId: 101, quantity: 5 },
        { moveId: 102, quantity: 2 },
      ],
      backorder: false,
    });
  });

  it('ships part: the rest is backordered, unshipped moves get 0', () => {
    const plan = planValidation(moves, [{ sku: 'SKU-CHAIR', quantity: 3 }], md);
    expect(plan).toEqual({
      quantities: [
        { moveId: 101, quantity: 3 },
        { moveId: 102, quantity: 0 },
      ],
      backorder: true,
    });
  });

  it('refuses to ship more than the picking demands', () => {
    expect(() => planValidation(moves, [{ sku: 'SKU-DESK', quantity: 3 }], md)).toThrow(
      /1 more of SKU-DESK/,
    );
  });
});

describe('poll window', () => {
  it('starts each poll the overlap before the cursor, never before the epoch', () => {
    expect(pollFrom('2026-01-01 10:00:05', 60_000)).toBe('2026-01-01 09:59:05');
    expect(pollFrom(EPOCH, 60_000)).toBe(EPOCH);
  });

  it('moves the cursor forward only', () => {
    expect(
      advanceCursor('2026-01-01 10:00:05', ['2026-01-01 10:00:01', '2026-01-01 10:00:09']),
    ).toBe('2026-01-01 10:00:09');
    expect(advanceCursor('2026-01-01 10:00:05', ['2026-01-01 09:00:00'])).toBe(
      '2026-01-01 10:00:05',
    );
  });
});

describe('planReturn', () => {
  const wizardLines = [
    { id: 1, productId: 11, demand: 3 },
    { id: 2, productId: 12, demand: 1 },
  ];
  it('takes the returned quantities on the lines of their product and 0 elsewhere', () => {
    expect(planReturn(wizardLines, [{ sku: 'SKU-CHAIR', quantity: 2 }], md)).toEqual([
      { lineId: 1, quantity: 2 },
      { lineId: 2, quantity: 0 },
    ]);
  });
  it('refuses more than the delivery can give back', () => {
    expect(() => planReturn(wizardLines, [{ sku: 'SKU-CHAIR', quantity: 4 }], md)).toThrow(
      expect.objectContaining({ code: 'RETURN_EXCEEDS_DELIVERY' }) as Error,
    );
  });
});
