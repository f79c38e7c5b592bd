import type { ChangeCandidate, FailureGroup, Signal } from './types';

/** Candidate causes of a group among the signals around its start, best first. */
export function rankChanges(_group: FailureGroup, _signals: readonly Signal[]): ChangeCandidate[] {
  return [];
}
