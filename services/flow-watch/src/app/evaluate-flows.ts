import { listSubjects, purgeHistory } from '../adapters/db/flow-store';
import { closedWindowEnd } from '../domain';
import type { ConsumerProgress, FlowDeps, Offsets } from './flow-deps';
import { judgeWindow } from './judge-window';

/**
 * Judges every known series and subject (those silent in the window too) on each window closed
 * by `end` since it was last judged, oldest first; after a stop longer than one window, only the
 * last `windowBuckets` windows are judged (older ones would raise anomalies already over).
 */
export async function evaluateFlows(deps: FlowDeps, end: number): Promise<number> {
  let judged = 0;
  for (const subject of await listSubjects(deps.db)) {
    if (subject.lastWindowEnd !== null && subject.lastWindowEnd >= end) continue;
    const oldest = end - (deps.windowBuckets - 1) * deps.bucketMs;
    const from =
      subject.lastWindowEnd === null
        ? end
        : Math.max(subject.lastWindowEnd + deps.bucketMs, oldest);
    for (let windowEnd = from; windowEnd <= end; windowEnd += deps.bucketMs) {
      const result = await judgeWindow(deps, subject, windowEnd);
      judged += 1;
      if (result) deps.onJudged(result);
    }
  }
  return judged;
}

export interface EvaluatorOptions {
  everyMs: number;
  historyMs: number;
  progress: ConsumerProgress;
  onError: (error: unknown) => void;
  /** A window judged without the consumer having caught up (it waited `windowMs`). */
  onLagging: (windowEnd: number) => void;
}

/**
 * Every `everyMs`, judges the windows closed so far, but only once the consumer has processed
 * everything written until they closed (plus the lateness): the end offsets are read when a
 * window closes, and it is judged when the group's committed offsets reach them, so a consumer
 * catching up after a restart does not make every channel look silent. A consumer still behind
 * after one more window is judged anyway (a stuck consumer must not hide the flow). Purges old
 * history hourly.
 */
export function startEvaluator(deps: FlowDeps, options: EvaluatorOptions): () => Promise<void> {
  let running: Promise<void> | undefined;
  let lastPurge = 0;
  let pending: { end: number; snapshot: Offsets; at: number } | undefined;
  const windowMs = deps.bucketMs * deps.windowBuckets;
  const round = async () => {
    const now = deps.now();
    if (pending) {
      const caughtUp = await options.progress.reached(pending.snapshot);
      if (!caughtUp && now - pending.at < windowMs) return;
      if (!caughtUp) options.onLagging(pending.end);
      await evaluateFlows(deps, pending.end);
    }
    const end = closedWindowEnd(now, deps.bucketMs, deps.latenessMs);
    if (!pending || end > pending.end)
      pending = { end, snapshot: await options.progress.snapshot(), at: now };
    if (now - lastPurge > 3600_000) {
      lastPurge = now;
      await purgeHistory(deps.db, now - options.historyMs);
    }
  };
  const tick = () => {
    running ??= round()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everyMs);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
    await options.progress.close();
  };
}
