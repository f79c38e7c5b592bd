import {
  formatDocumentNumber,
  lineAmount,
  lineTax,
  numberingYear,
  roundMinor,
} from '../src/domain';

describe('money rounding', () => {
  it('rounds half away from zero to the minor unit', () => {
    expect(roundMinor(2749.5)).toBe(2750);
    expect(roundMinor(2749.49)).toBe(2749);
  });

  it('ignores binary noise: 0.1 × 3 × 1000 is 300, and 1.005 × 100 rounds up', () => {
    expect(lineAmount(0.3, 1000)).toBe(300);
    expect(lineAmount(1.005, 100)).toBe(101);
  });

  it('computes tax from a rate in basis points', () => {
    expect(lineTax(10_000, 2_100)).toBe(2_100);
    expect(lineTax(2_750, 2_100)).toBe(578);
    expect(lineTax(2_750, 0)).toBe(0);
  });
});

describe('document numbers', () => {
  it('formats Odoo-style legal numbers per series and year', () => {
    expect(formatDocumentNumber('INV', 2026, 7)).toBe('INV/2026/00007');
    expect(formatDocumentNumber('RINV', 2027, 12_345)).toBe('RINV/2027/12345');
  });

  it('numbers in the UTC year of the issue date', () => {
    expect(numberingYear(Date.UTC(2026, 11, 31, 23, 59))).toBe(2026);
    expect(numberingYear(Date.UTC(2027, 0, 1, 0, 0))).toBe(2027);
  });
});
