import { table } from '../cli/output';
import { importedState, type ImportPlan } from './plan-import';
import type { ImportResult } from './post-imports';

const countBy = <T>(items: readonly T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>(
    (acc, t) => ((acc[key(t)] = (acc[key(t)] ?? 0) + 1), acc),
    {},
  );

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'none';

/** The plan as a summary: what would be imported, in which state, and what is left out and why. */
export function summarize(plan: ImportPlan) {
  return {
    toImport: plan.candidates.length,
    /** Closed orders sent only to refresh the ones imported earlier while open. */
    toRefresh: plan.refreshes.length,
    /** Cancelled orders sent to cancel the ones imported earlier while open. */
    toCancel: plan.cancellations.length,
    byState: countBy(plan.candidates, importedState),
    skipped: countBy(plan.skipped, (s) => s.code),
    unmappable: plan.unmappable,
  };
}

export function describePlan(odooCounts: Record<string, number>, plan: ImportPlan): string {
  const s = summarize(plan);
  const orders = new Set(plan.unmappable.map((u) => u.saleOrder)).size;
  return [
    `Odoo: ${list(odooCounts)} sale orders (by state).`,
    `To import or refresh: ${s.toImport} open (${list(s.byState)}); skipped: ${list(s.skipped)}` +
      ` (${s.toRefresh} closed and ${s.toCancel} cancelled sent to refresh or cancel the ones` +
      ' imported while open).',
    plan.unmappable.length
      ? `Cannot be mapped here: ${orders} sale order(s)\n` +
        table(
          plan.unmappable.map((u) => [u.saleOrder, u.code, u.message]),
          ['SALE ORDER', 'REASON', 'DETAIL'],
        )
      : 'Every open sale order maps to the platform’s codes here.',
  ].join('\n');
}

/** order-intake's outcomes: imported, already imported, and what its master data could not map. */
export function describeResults(results: readonly ImportResult[]): string {
  const rejected = results.filter((r) => r.outcome === 'unmappable');
  return [
    `order-intake: ${list(countBy(results, (r) => r.outcome))}.`,
    rejected.length
      ? 'Not imported (master data):\n' +
        table(
          rejected.flatMap((r) =>
            r.reasons.map((x) => [r.channelOrderRef, x.code, x.lineNo ?? null, x.message]),
          ),
          ['SALE ORDER', 'REASON', 'LINE', 'DETAIL'],
        )
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}
