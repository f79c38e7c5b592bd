export interface TokenBucket {
  /** Resolves when n more messages may go out. */
  take(n: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Holds an average rate: tokens refill continuously up to `burst`, and a take beyond the balance
 * waits off its debt. Starting empty at the first take keeps the first second honest too. The burst (one second
 * of tokens) lets a run catch up after a slow transaction or fetch instead of losing that time.
 */
export function createTokenBucket(
  ratePerSecond: number,
  burst = Math.max(1, ratePerSecond),
  clock: () => number = () => performance.now(),
): TokenBucket {
  let tokens = 0;
  // The clock starts at the first take, not at creation: set-up time must not become a burst.
  let last: number | undefined;
  return {
    async take(n) {
      const now = clock();
      last ??= now;
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * ratePerSecond);
      last = now;
      tokens -= n;
      if (tokens < 0) await sleep((-tokens / ratePerSecond) * 1000);
    },
  };
}

/**
 * Messages per transaction at a given rate: 250 ms worth. Smaller chunks pace more smoothly, but
 * a transaction costs several round trips (tens of ms on a busy host), which then caps the rate.
 */
export const chunkSizeFor = (ratePerSecond: number | undefined): number =>
  ratePerSecond === undefined
    ? Number.POSITIVE_INFINITY
    : Math.max(1, Math.ceil(ratePerSecond / 4));
