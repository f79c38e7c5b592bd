import { listSubjects, purgeHistory } from '../adapters/db/flow-store';
import { closedWindowEnd } from '../domain';
import type { FlowDeps } from './flow-deps';
import { judgeWindow } from './judge-window';

/**
 * Judges every known series and subject (those silent in the window too) on each window closed
 * since it was last judged, oldest first; after a stop longer than one window, only the last
 * `windowBuckets` windows are judged (older ones would raise anomalies already over).
 */
export async function evaluateFlows(deps: FlowDeps): Promise<number> {
  const end = closedWindowEnd(deps.now(), deps.bucketMs, deps.latenessMs);
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

/** Runs `evaluateFlows` every `everyMs` (never two at once) and purges old history hourly. */
export function startEvaluator(
  deps: FlowDeps & {
    everyMs: number;
    historyMs: number;
    onError: (error: unknown) => void;
  },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let lastPurge = 0;
  const tick = () => {
    if (running) return;
    running = (async () => {
      await evaluateFlows(deps);
      if (deps.now() - lastPurge > 3600_000) {
        lastPurge = deps.now();
        await purgeHistory(deps.db, deps.now() - deps.historyMs);
      }
    })()
      .catch(deps.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, deps.everyMs);
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
