import { OpsError } from '../errors';
import { parseDuration, parseOffsetTarget, parseTime } from './parse';

describe('parseOffsetTarget', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('reads every target form rewind accepts', () => {
    expect(parseOffsetTarget('earliest')).toEqual({ kind: 'earliest' });
    expect(parseOffsetTarget('latest')).toEqual({ kind: 'latest' });
    expect(parseOffsetTarget('offset 42')).toEqual({ kind: 'offset', offset: 42 });
    expect(parseOffsetTarget('offset:42')).toEqual({ kind: 'offset', offset: 42 });
    expect(parseOffsetTarget('42')).toEqual({ kind: 'offset', offset: 42 });
    expect(parseOffsetTarget('2026-11-26T10:00:00Z', now)).toEqual({
      kind: 'time',
      at: now - 7_200_000,
    });
    expect(parseOffsetTarget('2h', now)).toEqual({ kind: 'time', at: now - 7_200_000 });
  });

  it('rejects what it cannot read as a usage error', () => {
    expect(() => parseOffsetTarget('yesterday')).toThrow(OpsError);
    expect(() => parseDuration('7 days')).toThrow(/invalid duration/);
    expect(parseTime('now', now)).toBe(now);
  });
});
