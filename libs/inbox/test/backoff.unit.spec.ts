import { backoffDelay } from '../src';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 1000, jitter: 0.5 };

  it('doubles per attempt up to the cap when the random draw is at its top', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(policy, a, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('randomises only the jitter share of the delay', () => {
    expect(backoffDelay(policy, 3, () => 0)).toBe(200);
    expect(backoffDelay({ ...policy, jitter: 0 }, 3, () => 0)).toBe(400);
    expect(backoffDelay({ ...policy, jitter: 1 }, 3, () => 0)).toBe(0);
  });
});
