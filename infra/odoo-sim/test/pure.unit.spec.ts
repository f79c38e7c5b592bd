import { SimClock } from '../src/clock';
import { compareScalar, sqlLike } from '../src/domain/compare';
import { parseDomain } from '../src/domain/parse';
import { pyJsonDumps } from '../src/webhooks/py-json';

describe('pyJsonDumps', () => {
  it('matches json.dumps(sort_keys=True): sorted keys, ", " and ": ", ASCII escapes', () => {
    expect(pyJsonDumps({ b: 1, _id: 2, a: [1, false, null], n: 'é' })).toBe(
      '{"_id": 2, "a": [1, false, null], "b": 1, "n": "\\u00e9"}',
    );
  });
});

describe('parseDomain', () => {
  it('joins top-level terms with an implicit AND and reads prefix operators', () => {
    expect(parseDomain(['|', ['a', '=', 1], ['b', '=', 2], ['c', '<>', 3]], true)).toEqual({
      kind: 'and',
      a: {
        kind: 'or',
        a: { kind: 'leaf', path: 'a', op: '=', value: 1 },
        b: { kind: 'leaf', path: 'b', op: '=', value: 2 },
      },
      b: { kind: 'leaf', path: 'c', op: '!=', value: 3 },
    });
  });

  it('refuses any/not any when the version lacks them', () => {
    expect(() => parseDomain([['a', 'any', []]], false)).toThrow(/Invalid leaf/);
  });
});

describe('SQL LIKE semantics', () => {
  it.each([
    ['CUST-001', 'CUST-00_', false, true],
    ['cust-001', 'CUST%', false, false],
    ['cust-001', 'CUST%', true, true],
    ['a.b', 'a_b', false, true],
    ['axb', 'a.b', false, false],
  ])('%s LIKE %s (insensitive %s) → %s', (value, pattern, insensitive, expected) => {
    expect(sqlLike(value, pattern, insensitive)).toBe(expected);
  });

  it('treats NULL like SQL does for negative operators', () => {
    expect(compareScalar(false, 'not ilike', 'x')).toBe(true);
    expect(compareScalar(false, 'ilike', 'x')).toBe(false);
    expect(compareScalar(false, '>', 0)).toBe(false);
  });
});

describe('SimClock', () => {
  it('freezes, advances and hands queued transaction times out first', () => {
    const clock = new SimClock();
    clock.freeze('2024-05-02 09:12:33');
    clock.advance(30);
    clock.queueTransactionTimes(['2024-05-02 09:00:00']);
    expect(clock.transactionStamp()).toBe('2024-05-02 09:00:00.000000');
    expect(clock.transactionStamp()).toBe('2024-05-02 09:13:03.000000');
    // Transactions within one (frozen) second still get increasing stamps, as now() would.
    expect(clock.transactionStamp()).toBe('2024-05-02 09:13:03.000001');
  });
});
