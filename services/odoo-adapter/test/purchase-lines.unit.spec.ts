import {
  backoffMs,
  datePlannedOf,
  purchaseLinesOf,
  type BatchedProposal,
} from '../src/domain/purchase-lines';

const proposal = (over: Partial<BatchedProposal>): BatchedProposal => ({
  proposalId: 'p',
  sku: 'FURN-001',
  uom: 'EA',
  quantity: 1,
  unitCostMinor: 100,
  neededBy: 1_000,
  ...over,
});

describe('purchase lines of a batch', () => {
  it('one line per SKU in SKU order, numbered from 1, quantities summed, the first price kept', () => {
    const lines = purchaseLinesOf([
      proposal({ proposalId: 'a', sku: 'ZED-9', quantity: 2, unitCostMinor: 700 }),
      proposal({ proposalId: 'b', sku: 'ABC-1', quantity: 1.5, unitCostMinor: 300 }),
      proposal({ proposalId: 'c', sku: 'ZED-9', quantity: 3, unitCostMinor: 750 }),
    ]);
    expect(lines).toEqual([
      {
        lineNo: 1,
        sku: 'ABC-1',
        quantity: 1.5,
        uom: 'EA',
        unitPriceMinor: 300,
        proposalIds: ['b'],
      },
      {
        lineNo: 2,
        sku: 'ZED-9',
        quantity: 5,
        uom: 'EA',
        unitPriceMinor: 700,
        proposalIds: ['a', 'c'],
      },
    ]);
  });

  it('asks for the latest neededBy, and backs off doubling up to a minute', () => {
    expect(
      datePlannedOf([
        proposal({ neededBy: 5 }),
        proposal({ neededBy: 9 }),
        proposal({ neededBy: 2 }),
      ]),
    ).toBe(9);
    expect([0, 1, 2].map((n) => backoffMs(200, n))).toEqual([200, 400, 800]);
    expect(backoffMs(200, 40)).toBe(60_000);
  });
});
