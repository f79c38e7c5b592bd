import type { ByLine } from './facts';

/** "line 1: 5 vs 3" for each line whose quantities differ between two per-line tallies. */
export function diffLines(a: ByLine | undefined, b: ByLine | undefined): string[] {
  const lines = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...lines]
    .filter((l) => Math.abs((a?.[l] ?? 0) - (b?.[l] ?? 0)) > 1e-9)
    .map((l) => `line ${l}: ${a?.[l] ?? 0} vs ${b?.[l] ?? 0}`);
}

/**
 * "line 1: 5 vs 3" for each line whose `actual` quantity is outside [expected − give, expected]
 * (what a per-line tally may legitimately lack, e.g. returned goods taken back).
 */
export function outsideLines(
  expected: ByLine | undefined,
  give: ByLine | undefined,
  actual: ByLine | undefined,
): string[] {
  const lines = new Set([...Object.keys(expected ?? {}), ...Object.keys(actual ?? {})]);
  return [...lines]
    .filter((l) => {
      const high = expected?.[l] ?? 0;
      const got = actual?.[l] ?? 0;
      return got > high + 1e-9 || got < high - (give?.[l] ?? 0) - 1e-9;
    })
    .map((l) => `line ${l}: ${expected?.[l] ?? 0} vs ${actual?.[l] ?? 0}`);
}
