import { orderFlowOf, percentile } from './flow-stats';

const at = (s: number) => 1_000_000 + s * 1000;

describe('orderFlowOf', () => {
  it('counts orders per status and times each stage from receipt', () => {
    const flow = orderFlowOf([
      { status: 'shipped', receivedAt: at(0), reached: { accepted: at(1), shipped: at(30) } },
      { status: 'accepted', receivedAt: at(0), reached: { accepted: at(3) } },
      { status: 'accepted', receivedAt: at(10), reached: { accepted: at(12) } },
      { status: 'rejected', receivedAt: at(0), reached: {} },
    ]);
    expect(flow.orders).toBe(4);
    expect(flow.byStatus).toEqual({ shipped: 1, accepted: 2, rejected: 1 });
    expect(flow.stages).toEqual([
      { stage: 'accepted', reached: 3, medianSeconds: 2, p95Seconds: 3 },
      { stage: 'reserved', reached: 0, medianSeconds: null, p95Seconds: null },
      { stage: 'shipped', reached: 1, medianSeconds: 30, p95Seconds: 30 },
      { stage: 'invoiced', reached: 0, medianSeconds: null, p95Seconds: null },
    ]);
  });

  it('never reports a negative latency (two clocks)', () => {
    const flow = orderFlowOf([
      { status: 'accepted', receivedAt: at(5), reached: { accepted: at(4) } },
    ]);
    expect(flow.stages[0]!.medianSeconds).toBe(0);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
