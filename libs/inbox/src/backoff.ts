/** Exponential back-off; `jitter` (0-1) is the share of each delay that is randomised. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  jitter: number;
}

export const defaultBackoffPolicy: BackoffPolicy = { initialMs: 200, maxMs: 30_000, jitter: 0.5 };

/** Delay before retry number `attempt` (1 = after the first failure). */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(exponential * (1 - jitter + jitter * random()));
}
