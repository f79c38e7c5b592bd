// The ops console page: one loader per section, over the console's JSON API.
import { $, api, el, fail, KEY, seconds, show, table } from './dom.mjs';

async function loadFlow() {
  try {
    const flow = await api(`/api/flow?window=${$('flow-window').value}`);
    show(
      'flow-result',
      el('p', {}, `${flow.orders} orders received in the window`),
      table(
        ['status', 'orders'],
        Object.entries(flow.byStatus).map(([s, n]) => [s, n]),
      ),
      table(
        ['stage (from receipt)', 'orders reached', 'median', 'p95'],
        flow.stages.map((s) => [
          s.stage,
          s.reached,
          seconds(s.medianSeconds),
          seconds(s.p95Seconds),
        ]),
      ),
    );
  } catch (error) {
    fail('flow-result', error);
  }
}

async function searchOrder(query) {
  try {
    const { matches, timeline } = await api(`/api/orders?q=${encodeURIComponent(query)}`);
    if (matches.length === 0)
      return show('order-result', el('p', {}, `no order with id or channel ref ${query}`));
    if (!timeline)
      return show(
        'order-result',
        el('p', {}, `${matches.length} orders have this channel ref:`),
        table(
          ['order', 'channel', 'status', 'created'],
          matches.map((m) => [
            el(
              'a',
              { href: '#', onclick: (e) => (e.preventDefault(), searchOrder(m.orderId)) },
              m.orderId,
            ),
            m.channelCode,
            m.status,
            m.createdAt,
          ]),
        ),
      );
    const o = timeline.order;
    show(
      'order-result',
      el(
        'p',
        { id: 'order-summary' },
        `${o.orderId} · ${o.channelCode} ${o.channelOrderRef} · ${o.status} · `,
        el(
          'a',
          { id: 'trace-link', href: timeline.traceUrl, target: '_blank', rel: 'noopener' },
          'trace in Zipkin',
        ),
      ),
      table(
        ['at', 'source', 'what', 'detail'],
        timeline.entries.map((e) => [e.at, e.source, e.what, e.detail]),
      ),
      ...timeline.unavailable.map((u) =>
        el('p', { class: 'error' }, `${u.service} unavailable: ${u.error}`),
      ),
    );
  } catch (error) {
    fail('order-result', error);
  }
}

async function loadLag() {
  show('lag-result', 'reading…');
  try {
    const { groups, omitted } = await api(
      `/api/lag?prefix=${encodeURIComponent($('lag-prefix').value)}`,
    );
    show(
      'lag-result',
      table(
        ['group', 'state', 'members', 'lag (messages)', 'lag (seconds)'],
        groups.map((g) => [g.groupId, g.state, g.members, g.totalLag, g.maxLagSeconds]),
      ),
      omitted > 0 ? el('p', { class: 'muted' }, `${omitted} more groups: narrow the prefix`) : '',
    );
  } catch (error) {
    fail('lag-result', error);
  }
}

let shownPlan = null;

async function loadDeadLetters() {
  show('dead-letters-result', 'reading…');
  try {
    const { topics, unreadable } = await api('/api/dead-letters');
    if (topics.length === 0)
      return show(
        'dead-letters-result',
        el('p', {}, 'no dead letters waiting'),
        ...unreadableOf(unreadable),
      );
    const rows = topics.flatMap((t) =>
      t.reasons.map((r) => [
        t.group,
        t.sourceTopic,
        r.reason,
        r.count,
        seconds(r.oldestAgeSeconds),
        r.keys.join(', '),
        el(
          'button',
          {
            type: 'button',
            class: 'plan-redrive',
            'data-topic': t.topic,
            onclick: () => planRedrive(t.topic, r.reason),
          },
          'Plan redrive…',
        ),
      ]),
    );
    show(
      'dead-letters-result',
      table(['group', 'topic', 'reason', 'waiting', 'oldest', 'keys', ''], rows),
      ...unreadableOf(unreadable),
    );
  } catch (error) {
    fail('dead-letters-result', error);
  }
}

const unreadableOf = (unreadable) =>
  unreadable.map((u) => el('p', { class: 'error' }, `${u.topic} could not be read: ${u.error}`));

async function planRedrive(topic, reason) {
  $('redrive-panel').hidden = false;
  $('redrive-result').replaceChildren();
  $('redrive-confirm').value = '';
  show('redrive-plan', 'dry run…');
  try {
    const shown = await api('/api/dead-letters/plan', {
      method: 'POST',
      body: JSON.stringify({ topic, reason }),
    });
    shownPlan = shown;
    $('redrive-word').textContent = shown.confirm;
    const d = shown.dryRun;
    show(
      'redrive-plan',
      el(
        'p',
        { id: 'redrive-summary' },
        `DRY RUN of ${shown.plan.id}: ${d.selected} dead letter(s) of ${topic} (${reason}) would go back to their source topic; scanned ${d.scanned}, ${d.skipped.filtered} of other reasons, ${d.skipped.duplicate} duplicates.`,
      ),
      table(
        ['partition', 'offset', 'key', 'event type', 'event id'],
        d.sample.map((s) => [s.partition, s.offset, s.key, s.eventType, s.eventId]),
      ),
    );
  } catch (error) {
    shownPlan = null;
    fail('redrive-plan', error);
  }
}

async function executeRedrive() {
  if (!shownPlan) return;
  try {
    const run = await api('/api/dead-letters/redrive', {
      method: 'POST',
      body: JSON.stringify({ planId: shownPlan.plan.id, confirm: $('redrive-confirm').value }),
    });
    shownPlan = null;
    show(
      'redrive-result',
      el(
        'p',
        { id: 'redrive-done' },
        `redriven: ${run.result.published} published, ${run.result.skipped} skipped; audit entry ${run.audit.id} by ${run.audit.actor}`,
      ),
    );
    await Promise.all([loadDeadLetters(), loadJobs()]);
  } catch (error) {
    fail('redrive-result', error);
  }
}

async function loadExceptions() {
  try {
    const { exceptions, unreachable } = await api('/api/exceptions');
    show(
      'exceptions-result',
      exceptions.length === 0
        ? el(
            'p',
            {},
            unreachable.length === 0
              ? 'no open exception'
              : 'no open exception among the services that answered',
          )
        : table(
            ['service', 'kind', 'open', 'oldest'],
            exceptions.map((x) => [x.service, x.kind, x.open, seconds(x.oldestAgeSeconds)]),
          ),
      ...unreachable.map((u) =>
        el(
          'p',
          { class: 'muted' },
          `${u.service}: /metrics unreachable (${u.error}), its exceptions unknown`,
        ),
      ),
    );
  } catch (error) {
    fail('exceptions-result', error);
  }
}

async function loadJobs() {
  try {
    const { jobs, audit } = await api('/api/jobs');
    show(
      'jobs-result',
      table(
        ['job', 'kind', 'topic', 'state', 'progress', 'by', 'created'],
        jobs.map((j) => [
          j.id,
          j.kind,
          j.sourceTopic,
          j.state,
          `${j.done}/${j.total}`,
          j.actor,
          j.createdAt,
        ]),
      ),
      el('h3', {}, 'Audit log (replay, redrive, rewind, outbox)'),
      el(
        'table',
        { id: 'audit-table' },
        ...audit.map((a) =>
          el(
            'tr',
            {},
            el('td', {}, a.id),
            el('td', {}, a.startedAt),
            el('td', {}, a.actor),
            el('td', {}, a.command),
            el('td', {}, a.result),
            el('td', {}, JSON.stringify(a.counts)),
          ),
        ),
      ),
    );
  } catch (error) {
    fail('jobs-result', error);
  }
}

function loadAll() {
  $('key-status').textContent = sessionStorage.getItem(KEY) ? 'key set for this tab' : 'no key';
  if (!sessionStorage.getItem(KEY)) return;
  void loadFlow();
  void loadDeadLetters();
  void loadExceptions();
  void loadJobs();
}

$('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, $('api-key').value.trim());
  $('api-key').value = '';
  loadAll();
});
$('flow-window').addEventListener('change', () => void loadFlow());
$('order-form').addEventListener(
  'submit',
  (e) => (e.preventDefault(), void searchOrder($('order-query').value.trim())),
);
$('lag-form').addEventListener('submit', (e) => (e.preventDefault(), void loadLag()));
$('dead-letters-refresh').addEventListener('click', () => void loadDeadLetters());
$('redrive-form').addEventListener('submit', (e) => (e.preventDefault(), void executeRedrive()));
$('redrive-cancel').addEventListener('click', () => {
  shownPlan = null;
  $('redrive-panel').hidden = true;
});
loadAll();
