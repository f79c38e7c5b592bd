/**
 * Token bucket: at most `ratePerSec` calls per second on average, bursts up to `burst`.
 * `take()` resolves when a token is available.
 */
export function createRateLimiter(options: {
  ratePerSec: number;
  burst?: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const capacity = options.burst ?? Math.max(1, options.ratePerSec);
  let tokens = capacity;
  let refilledAt = now();
  let queue = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - refilledAt) / 1000) * options.ratePerSec);
    refilledAt = t;
  };

  const takeOne = async () => {
    refill();
    while (tokens < 1) {
      await new Promise((r) =>
        setTimeout(r, Math.ceil(((1 - tokens) / options.ratePerSec) * 1000)),
      );
      refill();
    }
    tokens -= 1;
  };

  return {
    /** Calls queue in arrival order so no caller starves. */
    take(): Promise<void> {
      const turn = queue.then(takeOne);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** At most `max` calls in flight; the rest wait in arrival order. */
export function createSemaphore(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((r) => waiting.push(r));
      active++;
      try {
        return await fn();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
    inFlight: () => active,
  };
}
