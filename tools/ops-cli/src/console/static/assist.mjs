// Incidents (o2c-ops triage) and flow-watch's open anomalies: read-only, with the commands to act.
import { $, api, el, fail, KEY, show, table } from './dom.mjs';

const time = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

async function loadIncidents() {
  try {
    const run = await api(`/api/triage?window=${$('incidents-window').value}`);
    const bySignature = new Map(run.groups.map((g) => [g.signature, g]));
    show(
      'incidents-result',
      run.causes.length === 0
        ? el('p', {}, 'no open failure in the window')
        : table(
            ['cause', 'failures', 'orders', 'groups', 'proposal', 'command'],
            run.causes.map((c) => {
              const groups = c.signatures.map((s) => bySignature.get(s));
              const first = groups[0];
              return [
                c.signal
                  ? `${c.signal.kind} ${c.signal.subject} (${c.signal.service}) at ${time(c.signal.at)}, score ${c.score}`
                  : `${first.pattern.errorClass ?? first.pattern.source}: ${first.pattern.message}`,
                c.count,
                c.orderIds.length,
                groups
                  .map(
                    (g) =>
                      `${g.signature} ${g.pattern.service} ${g.pattern.errorClass ?? g.pattern.source} ` +
                      `${g.pattern.topic ?? ''} ×${g.count}`,
                  )
                  .join('; '),
                groups.map((g) => `${g.proposal.kind}: ${g.proposal.why}`).join('; '),
                el('code', {}, groups.map((g) => g.proposal.dryRun).join(' ; ')),
              ];
            }),
          ),
      ...run.warnings.map((w) => el('p', { class: 'muted' }, w)),
    );
  } catch (error) {
    fail('incidents-result', error);
  }
}

async function loadAnomalies() {
  try {
    const { anomalies, unreachable } = await api('/api/anomalies');
    show(
      'anomalies-result',
      unreachable
        ? el(
            'p',
            { class: 'error' },
            `flow-watch did not answer (${unreachable}): anomalies unknown`,
          )
        : anomalies.length === 0
          ? el('p', {}, 'no open anomaly')
          : table(
              [
                'series',
                'direction',
                'observed',
                'expected',
                'accepted',
                'baseline',
                'since',
                'why',
              ],
              anomalies.map((a) => [
                a.seriesKey,
                a.direction,
                a.observed,
                a.expected,
                `${a.lowerBound} … ${a.upperBound}`,
                `${a.baseline} (${a.referenceWindows} windows)`,
                a.detectedAt,
                a.explanation,
              ]),
            ),
    );
  } catch (error) {
    fail('anomalies-result', error);
  }
}

function loadAssist() {
  if (!sessionStorage.getItem(KEY)) return;
  void loadIncidents();
  void loadAnomalies();
}

$('key-form').addEventListener('submit', () => setTimeout(loadAssist));
$('incidents-refresh').addEventListener('click', () => void loadIncidents());
$('incidents-window').addEventListener('change', () => void loadIncidents());
loadAssist();
