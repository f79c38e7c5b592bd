export type BreakerState = 'closed' | 'open' | 'half-open';

/** Thrown instead of calling Odoo while the circuit is open; retryable by nature. */
export class CircuitOpenError extends Error {
  constructor(readonly retryInMs: number) {
    super(`Odoo circuit open: not calling Odoo for another ${retryInMs} ms`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreaker {
  state(): BreakerState;
  /** Throws CircuitOpenError when calls are not allowed now. */
  before(): void;
  success(): void;
  failure(): void;
}

/**
 * Opens after `threshold` consecutive failures that say Odoo is unwell (timeouts, 5xx, refused
 * connections; not business errors), stays open `openMs`, then lets ONE trial call through
 * (half-open): success closes it, failure opens it again.
 */
export function createCircuitBreaker(options: {
  threshold: number;
  openMs: number;
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;
  const set = (next: BreakerState) => {
    if (next !== state) {
      state = next;
      options.onChange?.(next);
    }
  };
  return {
    state: () => (state === 'open' && now() - openedAt >= options.openMs ? 'half-open' : state),
    before() {
      if (state === 'open') {
        const waited = now() - openedAt;
        if (waited < options.openMs) throw new CircuitOpenError(options.openMs - waited);
        set('half-open');
      }
      if (state === 'half-open') {
        if (trialInFlight) throw new CircuitOpenError(options.openMs);
        trialInFlight = true;
      }
    },
    success() {
      trialInFlight = false;
      failures = 0;
      set('closed');
    },
    failure() {
      trialInFlight = false;
      failures++;
      if (state === 'half-open' || failures >= options.threshold) {
        openedAt = now();
        set('open');
      }
    },
  };
}
