/** Start of the bucket holding `at` (buckets are aligned on the epoch). */
export const bucketStart = (at: number, bucketMs: number) => Math.floor(at / bucketMs) * bucketMs;

/**
 * End of the last detection window that may be judged at `now`: the last bucket boundary that
 * is at least `latenessMs` in the past, so events up to that late are counted.
 */
export const closedWindowEnd = (now: number, bucketMs: number, latenessMs: number) =>
  bucketStart(now - latenessMs, bucketMs);
