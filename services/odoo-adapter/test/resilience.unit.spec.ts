import { CircuitOpenError, createCircuitBreaker } from '../src/adapters/odoo/circuit-breaker';
import { createSemaphore } from '../src/adapters/odoo/rate-limit';

describe('circuit breaker', () => {
  let t = 0;
  const states: string[] = [];
  const breaker = createCircuitBreaker({
    threshold: 3,
    openMs: 1000,
    now: () => t,
    onChange: (s) => states.push(s),
  });

  it('opens after the threshold of consecutive failures and fails fast while open', () => {
    breaker.failure(breaker.before());
    breaker.success(breaker.before());
    for (let i = 0; i < 3; i++) breaker.failure(breaker.before());
    expect(breaker.state()).toBe('open');
    t += 400;
    expect(() => breaker.before()).toThrow(CircuitOpenError);
    expect(() => breaker.before()).toThrow(/another 600 ms/);
  });

  it('lets one trial through after openMs; its failure reopens, its success closes', () => {
    t += 600;
    expect(breaker.state()).toBe('half-open');
    const trial = breaker.before();
    expect(() => breaker.before()).toThrow(CircuitOpenError);
    breaker.failure(trial);
    expect(breaker.state()).toBe('open');
    t += 1000;
    breaker.success(breaker.before());
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('ignores the late answer of a call admitted before the circuit opened', () => {
    const slow = breaker.before();
    const late = breaker.before();
    for (let i = 0; i < 3; i++) breaker.failure(breaker.before());
    expect(breaker.state()).toBe('open');
    breaker.success(slow);
    breaker.failure(late);
    expect(breaker.state()).toBe('open');
    t += 1000;
    const trial = breaker.before();
    breaker.success(slow);
    expect(breaker.state()).toBe('half-open');
    breaker.success(trial);
    expect(breaker.state()).toBe('closed');
    expect(states.slice(-3)).toEqual(['open', 'half-open', 'closed']);
  });

  it('never runs more than its limit at once and runs everything', async () => {
    const sem = createSemaphore(2);
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sem.run(async () => {
          peak = Math.max(peak, sem.inFlight());
          await new Promise((r) => setTimeout(r, 5));
          return i;
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });
});
