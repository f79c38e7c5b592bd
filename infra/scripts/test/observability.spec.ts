import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from '../src/paths';
import { listServices } from '../src/services';
import { expectPromtoolOk, promtool } from './promtool';

// The Prometheus files of the platform, checked with Prometheus's own promtool. These tests need
// promtool (and the prometheus binary): `apt-get install prometheus` (.ci/run installs it). They
// fail without it, they are never skipped.

const dir = join(root, 'infra/observability');
const docsFile = join(root, 'docs/observability.md');
const read = (file: string) => readFileSync(file, 'utf8');
interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = (parse(read(join(dir, 'alerts.yml'))) as { groups: { rules: AlertRule[] }[] }).groups;
const alerts = rules.flatMap((g) => g.rules).filter((r) => r.alert);

const testFiles = readdirSync(dir).filter((f) => f.endsWith('.test.yml'));
interface RuleTest {
  alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[];
}
const ruleTests = testFiles.flatMap((f) =>
  (parse(read(join(dir, f))) as { tests: RuleTest[] }).tests.flatMap(
    (t) => t.alert_rule_test ?? [],
  ),
);

/** The section of a Markdown file under `heading` (## level), up to the next ## heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** GitHub's anchor of a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (markdown: string) =>
  new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));

/** The metric names in the table of docs/observability.md's "Metrics" section. */
function documentedMetrics(): Set<string> {
  const table = section(read(docsFile), 'Metrics');
  return new Set([...table.matchAll(/^\| `([a-zA-Z_:][a-zA-Z0-9_:]*)`/gm)].map((m) => m[1] ?? ''));
}

const KEYWORDS = new Set(
  'and or unless bool offset by without on ignoring group_left group_right inf nan'.split(' '),
);
/** The metric names a PromQL expression selects (a histogram's _bucket, _count and _sum included). */
export function metricNames(expr: string): string[] {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\boffset\s+\w+/g, ' ')
    .replace(/(^|[^\w:.])\d+(\.\d+)?(e[+-]?\d+)?/gi, '$1 ');
  const names = new Set<string>();
  for (const m of s.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const next = s.slice(m.index + m[0].length).trimStart();
    if (!next.startsWith('(') && !KEYWORDS.has(m[0].toLowerCase())) names.add(m[0]);
  }
  return [...names];
}

/** A metric name without its histogram suffix when the family is documented under its base name. */
function documented(name: string, docs: Set<string>): boolean {
  return docs.has(name) || docs.has(name.replace(/_(bucket|count|sum)$/, ''));
}

/** Checks PromQL expressions with promtool, as recording rules of a temporary rules file. */
function checkPromql(exprs: string[]): { ok: boolean; output: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'promql-'));
  try {
    const file = join(tmp, 'exprs.yml');
    const records = exprs.map((expr, i) => ({ record: `dashboard:expr_${i}`, expr }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules: records }] }));
    return promtool(['check', 'rules', file]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('metricNames', () => {
  it('finds the selected metrics, not functions, labels, keywords or numbers', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (stage, le) (rate(a_seconds_bucket{stage=~"x|y"}[5m]))) > 300 ' +
          'and on (service) b_total unless b_total offset 10m or vector(0) > 1e3',
      ).sort(),
    ).toEqual(['a_seconds_bucket', 'b_total']);
  });
});

describe('prometheus.yml', () => {
  const config = parse(read(join(dir, 'prometheus.yml'))) as {
    global: { scrape_interval: string };
    rule_files: string[];
    scrape_configs: {
      job_name: string;
      static_configs: { targets: string[]; labels: { service: string } }[];
    }[];
  };

  it('is valid for promtool check config, with its rule files', () => {
    expect(expectPromtoolOk(['check', 'config', join(dir, 'prometheus.yml')])).toMatch(
      /1 rule files found/,
    );
  });

  it('scrapes every service at the port of its package.json, labelled service=<name>, every 15 s', () => {
    expect(config.global.scrape_interval).toBe('15s');
    const targets = config.scrape_configs
      .flatMap((job) => job.static_configs)
      .flatMap((c) => c.targets.map((target) => ({ target, service: c.labels.service })));
    const services = listServices().map((s) => ({
      target: `127.0.0.1:${s.port}`,
      service: s.name,
    }));
    expect(services.length).toBeGreaterThan(0);
    expect(targets).toEqual(services);
  });

  it('loads alerts.yml', () => {
    expect(config.rule_files).toEqual(['alerts.yml']);
  });
});

describe('alerts.yml', () => {
  it('is valid for promtool check rules', () => {
    expect(expectPromtoolOk(['check', 'rules', join(dir, 'alerts.yml')])).toMatch(
      new RegExp(`SUCCESS: ${alerts.length} rules found`),
    );
  });

  it('passes its unit tests (promtool test rules)', () => {
    const output = expectPromtoolOk(['test', 'rules', ...testFiles], dir);
    expect(output.match(/SUCCESS/g)).toHaveLength(testFiles.length);
  }, 120_000);

  it('has unit tests that fail on a rule broken on purpose', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'alerts-'));
    try {
      const rulesText = read(join(dir, 'alerts.yml'));
      const from = 'expr: o2c_odoo_circuit_open == 1';
      expect(rulesText).toContain(from);
      writeFileSync(
        join(tmp, 'alerts.yml'),
        rulesText.replace(from, 'expr: o2c_odoo_circuit_open > 1'),
      );
      copyFileSync(join(dir, 'alerts.test.yml'), join(tmp, 'alerts.test.yml'));
      const { ok, output } = promtool(['test', 'rules', 'alerts.test.yml'], tmp);
      expect(ok).toBe(false);
      expect(output).toMatch(/alertname: OdooCircuitOpen/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it.each(alerts.map((a) => [a.alert!, a]))(
    '%s has a severity, a summary, a description and a runbook that exists',
    (_, rule) => {
      expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      const [file = '', anchor] = (rule.annotations?.runbook ?? '').split('#');
      expect(file).toMatch(/^docs\/.+\.md$/);
      expect([...anchorsOf(read(join(root, file)))]).toContain(anchor);
    },
  );

  it.each(alerts.map((a) => [a.alert!]))(
    '%s is tested firing and not firing, and explained in docs/observability.md',
    (name) => {
      const cases = ruleTests.filter((t) => t.alertname === name);
      expect(cases.some((t) => (t.exp_alerts ?? []).length > 0)).toBe(true);
      expect(cases.some((t) => (t.exp_alerts ?? []).length === 0)).toBe(true);
      expect([...anchorsOf(section(read(docsFile), 'Alerts'))]).toContain(anchorOf(name));
    },
  );

  it('selects only metrics listed in docs/observability.md', () => {
    const docs = documentedMetrics();
    const used = alerts.flatMap((a) => metricNames(a.expr));
    expect(used.filter((m) => !documented(m, docs))).toEqual([]);
    expect(used).toContain('o2c_dead_letters_total');
  });
});

describe.each(readdirSync(join(dir, 'grafana')).filter((f) => f.endsWith('.json')))(
  'Grafana dashboard %s',
  (file) => {
    interface Target {
      expr?: string;
      refId: string;
      datasource?: { type: string; uid: string };
    }
    interface Panel {
      id: number;
      type: string;
      title: string;
      gridPos: { x: number; y: number; w: number; h: number };
      datasource?: { type: string; uid: string };
      targets?: Target[];
      panels?: Panel[];
    }
    const dashboard = JSON.parse(read(join(dir, 'grafana', file))) as {
      uid: string;
      title: string;
      schemaVersion: number;
      panels: Panel[];
      templating: { list: { name: string; type: string; query: string }[] };
    };
    const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
    const queried = panels.filter((p) => p.type !== 'row');
    const targets = queried.flatMap((p) => p.targets ?? []);
    // Grafana's variables, replaced by what Grafana would put there.
    const exprs = targets.map((t) => (t.expr ?? '').replaceAll('$__rate_interval', '1m'));

    it('has a uid, a title, schemaVersion 39 or later and unique panel ids', () => {
      expect(dashboard.uid).toMatch(/^[a-z0-9-]+$/);
      expect(dashboard.title).toBeTruthy();
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
      const ids = panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    });

    it('queries a Prometheus data source chosen by a variable, in every panel and target', () => {
      const variable = dashboard.templating.list.find((v) => v.type === 'datasource');
      expect(variable?.query).toBe('prometheus');
      const ds = { type: 'prometheus', uid: `\${${variable?.name}}` };
      expect(queried.length).toBeGreaterThan(10);
      for (const p of queried) {
        expect({ title: p.title, datasource: p.datasource }).toEqual({
          title: p.title,
          datasource: ds,
        });
        expect(p.targets?.length).toBeGreaterThan(0);
        for (const t of p.targets ?? [])
          expect({ title: p.title, datasource: t.datasource }).toEqual({
            title: p.title,
            datasource: ds,
          });
      }
    });

    it('has only valid PromQL (promtool), and would say so of an invalid expression', () => {
      expect(exprs.every(Boolean)).toBe(true);
      const { ok, output } = checkPromql(exprs);
      if (!ok) throw new Error(`invalid PromQL in ${file}:\n${output}`);
      expect(checkPromql([...exprs, 'sum(rate(up[1m])']).ok).toBe(false);
    });

    it('selects only metrics listed in docs/observability.md', () => {
      const docs = documentedMetrics();
      const used = exprs.flatMap(metricNames);
      expect(used.filter((m) => !documented(m, docs))).toEqual([]);
      expect(used).toContain('o2c_order_stage_seconds_bucket');
    });
  },
);
