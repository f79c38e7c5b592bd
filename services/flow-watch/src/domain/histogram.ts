/**
 * A fixed log-scale histogram of latencies: bin i holds values in
 * [MIN·2^(i/4), MIN·2^((i+1)/4)), so every bin is 19 % wide whatever the scale, from 1 ms to
 * about 12 days; a bucket stores counts per bin, never raw samples, and windows merge by adding.
 */
const MIN_SECONDS = 0.001;
const BINS_PER_DOUBLING = 4;
export const BIN_COUNT = 120;

/** The bin of a latency in seconds (negative or tiny values in the first, huge in the last). */
export function binOf(seconds: number): number {
  if (!(seconds > MIN_SECONDS)) return 0;
  const bin = Math.floor(Math.log2(seconds / MIN_SECONDS) * BINS_PER_DOUBLING);
  return Math.min(bin, BIN_COUNT - 1);
}

/** Upper edge of a bin, in seconds: what a quantile falling in it is reported as. */
export const binUpperEdge = (bin: number) => MIN_SECONDS * 2 ** ((bin + 1) / BINS_PER_DOUBLING);

/** Sample count per bin. */
export type Histogram = ReadonlyMap<number, number>;

export const sampleCount = (h: Histogram) => [...h.values()].reduce((a, b) => a + b, 0);

/**
 * The q-quantile (0 < q ≤ 1) as the upper edge of the bin holding the ceil(q·n)-th sample:
 * at most one bin (19 %) above the exact value. Undefined for an empty histogram.
 */
export function quantileOf(h: Histogram, q: number): number | undefined {
  const n = sampleCount(h);
  if (n === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const bin of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(bin)!;
    if (seen >= rank) return binUpperEdge(bin);
  }
  return undefined;
}

/** A histogram of samples (tests, and one-off merges). */
export function histogramOf(samples: readonly number[]): Map<number, number> {
  const h = new Map<number, number>();
  for (const s of samples) h.set(binOf(s), (h.get(binOf(s)) ?? 0) + 1);
  return h;
}
