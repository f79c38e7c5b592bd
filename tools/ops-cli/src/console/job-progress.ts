import type { JobKind } from '../replay/job';

export interface PlannedRange {
  partition: number;
  start: number;
  end: number;
}

export interface Checkpoint {
  partition: number;
  /** -1: nothing committed yet. */
  offset: number;
}

export interface JobView {
  id: string;
  kind: JobKind;
  sourceTopic: string;
  actor: string;
  createdAt: string;
  completedAt: string | null;
  /** Offsets read of the planned ranges, from the job's checkpoint group. */
  done: number;
  total: number;
  /** completed, running (progress without completion) or planned (nothing committed). */
  state: 'completed' | 'running' | 'planned';
}

/** How far a job got: offsets past each range's start its checkpoint holds, out of the ranges. */
export function progressOf(
  ranges: readonly PlannedRange[],
  checkpoints: readonly Checkpoint[],
): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const r of ranges) {
    const size = Math.max(0, r.end - r.start);
    total += size;
    const at = checkpoints.find((c) => c.partition === r.partition)?.offset ?? -1;
    if (at >= 0) done += Math.min(size, Math.max(0, at - r.start));
  }
  return { done, total };
}

export function jobStateOf(
  completedAt: string | null,
  progress: { done: number },
): JobView['state'] {
  if (completedAt !== null) return 'completed';
  return progress.done > 0 ? 'running' : 'planned';
}
