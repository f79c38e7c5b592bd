import { creditForReturn, DomainError, type CreditLine, type QuantityLine } from '../src/domain';
import { buildInvoice, NOW } from './build';

const given = (credited: CreditLine[] = [], invoice = buildInvoice()) => ({
  whenReturned: (lines: QuantityLine[]) =>
    creditForReturn({
      invoice,
      credited,
      returned: { returnId: 'rma-1', lines },
      creditNoteId: 'cn-1',
      issuedAt: NOW,
    }),
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
};

const chair = (quantity: number): QuantityLine => ({
  lineNo: 1,
  sku: 'FURN-001',
  quantity,
  uom: 'EA',
});
const coffee = (quantity: number): QuantityLine => ({
  lineNo: 2,
  sku: 'COFF-1KG',
  quantity,
  uom: 'KG',
});

describe('creditForReturn', () => {
  describe('given an invoice and a return of part of it', () => {
    it('credits the returned lines at the invoiced prices, reason RETURN, against that invoice', () => {
      const note = given().whenReturned([chair(1)]);
      expect(note).toEqual({
        creditNoteId: 'cn-1',
        orderId: 'ord-1',
        invoiceId: 'inv-1',
        returnId: 'rma-1',
        currency: 'EUR',
        lines: [
          { lineNo: 1, sku: 'FURN-001', quantity: 1, uom: 'EA', amountMinor: 12_000, taxMinor: 0 },
        ],
        netMinor: 12_000,
        taxMinor: 0,
        totalMinor: 12_000,
        reasonCode: 'RETURN',
        issuedAt: NOW,
      });
    });
  });

  describe('given a line credited in parts', () => {
    it('credits the last part with exactly what remains, so rounding never over-credits', () => {
      // 1.5 KG invoiced for 2750; 0.5 KG = 916.5 → 917 twice, then the rest 916
      const first = given().whenReturned([coffee(0.5)]).lines;
      const second = given(first).whenReturned([coffee(0.5)]).lines;
      const last = given([...first, ...second]).whenReturned([coffee(0.5)]).lines;
      expect([first, second, last].map((l) => l[0]!.amountMinor)).toEqual([917, 917, 916]);
    });

    it('credits tax the same way when the invoice was taxed', () => {
      const taxed = buildInvoice({
        taxRateBps: 2_100,
        lines: [{ ...buildInvoice().lines[1]!, taxMinor: 578 }],
        netMinor: 2_750,
        taxMinor: 578,
        totalMinor: 3_328,
      });
      const first = given([], taxed).whenReturned([coffee(1)]);
      const rest = given(first.lines, taxed).whenReturned([coffee(0.5)]);
      expect(first.lines[0]).toMatchObject({ amountMinor: 1_833, taxMinor: 385 });
      expect(rest.lines[0]).toMatchObject({ amountMinor: 917, taxMinor: 193 });
      expect(first.totalMinor + rest.totalMinor).toBe(3_328);
    });
  });

  describe('given a return of more than was invoiced', () => {
    it('refuses with CREDIT_EXCEEDS_INVOICED, saying what was invoiced and already credited', () => {
      const credited: CreditLine[] = [{ ...chair(1), amountMinor: 12_000, taxMinor: 0 }];
      const error = refusal(() => given(credited).whenReturned([chair(2)]));
      expect(error.code).toBe('CREDIT_EXCEEDS_INVOICED');
      expect(error.message).toBe(
        'return rma-1 line 1 (FURN-001): returns 2 EA but invoice INV/2026/00001 invoiced 2 and 1 is already credited',
      );
    });

    it('counts two lines of the same return against the same invoice line', () => {
      const error = refusal(() => given().whenReturned([chair(2), chair(1)]));
      expect(error.code).toBe('CREDIT_EXCEEDS_INVOICED');
    });
  });

  describe('given a returned line that is not on the invoice', () => {
    it('refuses with RETURN_LINE_NOT_INVOICED', () => {
      const error = refusal(() =>
        given().whenReturned([{ lineNo: 7, sku: 'X', quantity: 1, uom: 'EA' }]),
      );
      expect(error.code).toBe('RETURN_LINE_NOT_INVOICED');
    });
  });

  describe('given a return naming the ordered SKU of a line invoiced as its substitute only', () => {
    it('credits the line’s only invoice line', () => {
      const invoice = buildInvoice({
        lines: [{ ...buildInvoice().lines[0]!, sku: 'FURN-001-B' }],
        netMinor: 24_000,
        totalMinor: 24_000,
      });
      const note = given([], invoice).whenReturned([chair(1)]);
      expect(note.lines).toEqual([
        expect.objectContaining({ sku: 'FURN-001-B', amountMinor: 12_000 }),
      ]);
    });
  });
});
