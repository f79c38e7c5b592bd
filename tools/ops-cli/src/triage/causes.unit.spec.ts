import { causesOf } from './causes';
import type { Signal, TriagedGroup } from './types';

const circuit: Signal = {
  at: 1_000,
  kind: 'CIRCUIT_OPENED',
  service: 'odoo-adapter',
  subject: 'odoo',
  detail: null,
  origin: 'recorded',
};
const deploy: Signal = {
  ...circuit,
  kind: 'VERSION_CHANGED',
  service: 'fulfillment',
  subject: '1.2.0',
};

function group(signature: string, count: number, orders: string[], changes: [Signal, number][]) {
  return {
    signature,
    count,
    orderIds: orders,
    changes: changes.map(([signal, score]) => ({ signal, score, evidence: [] })),
  } as unknown as TriagedGroup;
}

describe('causesOf', () => {
  it('joins the groups whose top candidate is the same signal, largest incident first', () => {
    const causes = causesOf([
      group('a', 3, ['o1', 'o2'], [[circuit, 0.9]]),
      group(
        'b',
        5,
        ['o2', 'o3'],
        [
          [circuit, 0.7],
          [deploy, 0.2],
        ],
      ),
      group('c', 9, ['o4'], [[deploy, 0.8]]),
    ]);
    expect(causes).toEqual([
      { signal: deploy, score: 0.8, signatures: ['c'], count: 9, orderIds: ['o4'] },
      {
        signal: circuit,
        score: 0.9,
        signatures: ['b', 'a'],
        count: 8,
        orderIds: ['o1', 'o2', 'o3'],
      },
    ]);
  });

  it('leaves a group alone when its best candidate is weak or missing', () => {
    const causes = causesOf([
      group('a', 2, [], [[circuit, 0.3]]),
      group('b', 1, [], [[circuit, 0.3]]),
      group('c', 1, [], []),
    ]);
    expect(causes.map((c) => [c.signal, c.signatures])).toEqual([
      [null, ['a']],
      [null, ['b']],
      [null, ['c']],
    ]);
  });

  it('tells two openings of the same circuit apart', () => {
    const later = { ...circuit, at: 90_000 };
    const causes = causesOf([
      group('a', 1, [], [[circuit, 0.9]]),
      group('b', 1, [], [[later, 0.9]]),
    ]);
    expect(causes).toHaveLength(2);
  });

  it('reads a circuit that closed and reopened within minutes as one outage', () => {
    const at = (ms: number, kind = 'CIRCUIT_OPENED'): Signal => ({ ...circuit, kind, at: ms });
    const reopened = at(40_000);
    const later = at(1_000_000);
    const signals = [circuit, at(20_000, 'CIRCUIT_CLOSED'), reopened];
    signals.push(at(600_000, 'CIRCUIT_CLOSED'), later);
    const causes = causesOf(
      [
        group('a', 3, ['o1'], [[circuit, 0.9]]),
        group('b', 5, ['o2'], [[reopened, 0.8]]),
        group('c', 2, ['o3'], [[later, 0.8]]),
      ],
      signals,
    );
    expect(causes.map((c) => [c.signal, c.signatures])).toEqual([
      [circuit, ['b', 'a']],
      [later, ['c']],
    ]);
  });
});
