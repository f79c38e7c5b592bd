import { isPermanent } from '@o2c/inbox';
import { creditLineCommands } from '../src/app/outbound/post-credit-note';

const CHAIR = 11;
const DESK = 12;
const reversal = [
  { id: 101, productId: CHAIR, quantity: 3 },
  { id: 102, productId: DESK, quantity: 1 },
];

describe('creditLineCommands', () => {
  describe('given a draft reversal of the whole invoice and a credit of part of it', () => {
    it('keeps the credited quantity on its product’s line and deletes the other lines', () => {
      expect(
        creditLineCommands(reversal, [{ productId: CHAIR, sku: 'SKU-CHAIR', quantity: 1 }]),
      ).toEqual([
        [1, 101, { quantity: 1 }],
        [2, 102, 0],
      ]);
    });
  });

  describe('given a product on two lines', () => {
    it('takes the credited quantity line by line', () => {
      const lines = [
        { id: 1, productId: CHAIR, quantity: 2 },
        { id: 2, productId: CHAIR, quantity: 2 },
        { id: 3, productId: null, quantity: 1 },
      ];
      expect(
        creditLineCommands(lines, [{ productId: CHAIR, sku: 'SKU-CHAIR', quantity: 3 }]),
      ).toEqual([
        [1, 1, { quantity: 2 }],
        [1, 2, { quantity: 1 }],
        [2, 3, 0],
      ]);
    });
  });

  describe('given a credit beyond the Odoo invoice', () => {
    it('refuses permanently, naming the SKU', () => {
      let error: unknown;
      try {
        creditLineCommands(reversal, [{ productId: CHAIR, sku: 'SKU-CHAIR', quantity: 4 }]);
      } catch (e) {
        error = e;
      }
      expect(isPermanent(error)).toBe(true);
      expect((error as Error).message).toBe(
        'credits SKU-CHAIR beyond what the Odoo invoice holds (1 left over)',
      );
    });

    it('refuses a product the invoice does not have', () => {
      expect(() =>
        creditLineCommands(reversal, [{ productId: 99, sku: 'SKU-X', quantity: 1 }]),
      ).toThrow('credits SKU-X beyond');
    });
  });
});
