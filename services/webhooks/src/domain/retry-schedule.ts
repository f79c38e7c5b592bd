/**
 * When a failed delivery is tried again: the schedule's delay for the attempt that failed, spread
 * by up to ±`jitter` (a fraction) so that many deliveries failing together do not retry together.
 * `undefined` once the schedule is exhausted: the delivery has failed for good.
 */
export function nextAttemptDelay(
  schedule: readonly number[],
  failedAttempts: number,
  random: () => number,
  jitter = 0.2,
): number | undefined {
  const base = schedule[failedAttempts - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}

/** 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h: about two days in all. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
  86_400_000,
];
