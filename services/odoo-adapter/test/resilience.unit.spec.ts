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
    breaker.before();
    breaker.failure();
    breaker.success();
    for (let i = 0; i < 3; i++) {
      breaker.before();
      breaker.failure();
    }
    expect(breaker.state()).toBe('open');
    t += 400;
    expect(() => breaker.before()).toThrow(CircuitOpenError);
    expect(() => breaker.before()).toThrow(/another 600 ms/);
  });

  it('lets one trial through after openMs; its failure reopens, its success closes', () => {
    t += 600;
    expect(breaker.state()).toBe('half-open');
    breaker.before();
    expect(() => breaker.before()).toThrow(CircuitOpenError);
    breaker.failure();
    expect(breaker.state()).toBe('open');
    t += 1000;
    breaker.before();
    breaker.success();
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('semaphore', () => {
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
