import { requestHash } from '../src/adapters/http/request-hash';

describe('requestHash', () => {
  it('ignores key order at every depth', () => {
    expect(requestHash('POST', '/orders', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      requestHash('POST', '/orders', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells apart different values, array orders and paths', () => {
    const base = requestHash('POST', '/orders', { lines: [1, 2] });
    expect(requestHash('POST', '/orders', { lines: [2, 1] })).not.toBe(base);
    expect(requestHash('POST', '/orders', { lines: [1, 3] })).not.toBe(base);
    expect(requestHash('POST', '/other', { lines: [1, 2] })).not.toBe(base);
  });
});
