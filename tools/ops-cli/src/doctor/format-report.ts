import type { CheckStatus, DoctorReport } from './setup-facts';

const LABEL: Record<CheckStatus, string> = { ok: 'ok', warning: 'WARNING', blocker: 'BLOCKER' };

/** The report for a human: one line per check, its remedy under it, a summary last. */
export function formatReport(r: DoctorReport): string {
  const width = Math.max(...r.checks.map((c) => c.id.length));
  const lines = [`Odoo ${r.odoo.url}, database ${r.odoo.db}, user ${r.odoo.login}`];
  for (const c of r.checks) {
    lines.push(`${LABEL[c.status].padEnd(7)}  ${c.id.padEnd(width)}  ${c.title}: ${c.found}`);
    if (c.remedy) lines.push(`${' '.repeat(width + 11)}→ ${c.remedy}`);
  }
  const { ok, warning, blocker } = r.summary;
  lines.push(
    `${ok} ok, ${warning} warnings, ${blocker} blockers: ` +
      (r.ok ? 'the platform can sync with this Odoo' : 'fix the blockers before the first sync'),
  );
  return lines.join('\n');
}
