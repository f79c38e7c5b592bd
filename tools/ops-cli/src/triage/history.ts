import type { AuditRecord } from '../audit/audited';
import type { ActionKind, Failure, PastAction } from './types';

/** The arguments `triage act --execute` audits. */
export interface ActArguments {
  signature: string;
  action: ActionKind;
  proposed: ActionKind;
  overridden: boolean;
  note?: string;
  /** Redrives it ran (their ids are the redrive-id header the letters go back with). */
  redriveIds?: string[];
  /** Letters it gave up on (DISCARD), by `<dlq-topic>/<partition>/<offset>`. */
  discarded?: string[];
}

export const actCommandName = 'triage act';

/**
 * Earlier executed `triage act` rows of a signature, newest first, each judged:
 * - a redrive did not resolve the group when a letter it sent back failed again with the same
 *   signature (the letter carries its redrive-id);
 * - any other action did not resolve it when a failure of the signature was recorded after the
 *   action finished and before a later action on it (the group never went away);
 * - otherwise it resolved it: what came after it, if anything, is the group coming back.
 */
export function judgePastActions(
  records: readonly AuditRecord[],
  failures: readonly Failure[],
): PastAction[] {
  const rows = records
    .filter((r) => r.command === actCommandName && r.result === 'ok' && r.finishedAt !== null)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return rows.map((row, i) => {
    const args = row.arguments as unknown as ActArguments;
    const finished = Date.parse(row.finishedAt!);
    const base = { auditId: row.id, kind: args.action, at: finished, actor: row.actor };
    const redrives = new Set(args.redriveIds ?? []);
    if (redrives.size > 0) {
      const again = failures.filter((f) => f.redriveId && redrives.has(f.redriveId)).length;
      return {
        ...base,
        resolved: again === 0,
        judgedBy:
          again === 0
            ? 'none of the letters it redrove failed again'
            : `${again} of the letters it redrove failed again`,
      };
    }
    const next = i > 0 ? Date.parse(rows[i - 1]!.startedAt) : Number.POSITIVE_INFINITY;
    const after = failures.filter((f) => f.at > finished && f.at < next).length;
    return {
      ...base,
      resolved: after === 0,
      judgedBy:
        after === 0
          ? 'no failure of the signature after it'
          : `${after} failures of the signature after it`,
    };
  });
}
