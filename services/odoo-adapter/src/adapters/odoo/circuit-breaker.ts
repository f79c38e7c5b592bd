export type BreakerState = 'closed' | 'open' | 'half-open';

/** Thrown instead of calling Odoo while the circuit is open; retryable by nature. */
export class CircuitOpenError extends Error {
  constructor(readonly retryInMs: number) {
    super(`Odoo circuit open: not calling Odoo for another ${retryInMs} ms`);
    this.name = 'CircuitOpenError';
  }
}

/** What `before` admitted: the breaker generation it ran in, and whether it is the half-open trial. */
export interface Permit {
  generation: number;
  trial: boolean;
}

export interface CircuitBreaker {
  state(): BreakerState;
  /** Throws CircuitOpenError when calls are not allowed now. */
  before(): Permit;
  success(permit: Permit): void;
  failure(permit: Permit): void;
}

/**
 * Opens after `threshold` consecutive failures that say Odoo is unwell (timeouts, 5xx, refused
 * connections; not business errors), stays open `openMs`, then lets ONE trial call through
 * (half-open): success closes it, failure opens it again. A call admitted before the circuit last
 * opened (a slow poll answered just after the outage began) does not count: its late success
 * would close the circuit in the middle of the outage and record a second opening.
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
  let generation = 0;
  let trialInFlight = false;
  const set = (next: BreakerState) => {
    if (next !== state) {
      state = next;
      options.onChange?.(next);
    }
  };
  const open = () => {
    openedAt = now();
    generation++;
    set('open');
  };
  const settle = (permit: Permit) => {
    if (permit.trial) trialInFlight = false;
    return permit.generation === generation && (state !== 'half-open' || permit.trial);
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
        return { generation, trial: true };
      }
      return { generation, trial: false };
    },
    success(permit) {
      if (!settle(permit)) return;
      failures = 0;
      set('closed');
    },
    failure(permit) {
      if (!settle(permit)) return;
      failures++;
      if (state === 'half-open' || failures >= options.threshold) open();
    },
  };
}
