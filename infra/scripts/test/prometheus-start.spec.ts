import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@o2c/testing';
import { parse } from 'yaml';
import { root } from '../src/paths';
import { findOnPath, prometheusDown, prometheusUp, type PrometheusPlace } from '../src/prometheus';
import { isAlive, readPid } from '../src/processes';
import { listServices } from '../src/services';
import { INSTALL } from './promtool';

// npm start's Prometheus, run for real: it needs the prometheus binary (`apt-get install
// prometheus`; .ci/run installs it) and fails without it, never skipped.

const alerts = (
  parse(readFileSync(join(root, 'infra/observability/alerts.yml'), 'utf8')) as {
    groups: { rules: { alert?: string }[] }[];
  }
).groups
  .flatMap((g) => g.rules)
  .filter((r) => r.alert);

describe('npm start runs Prometheus (src/prometheus.ts)', () => {
  let tmp: string;
  let place: PrometheusPlace;
  let blocker: Server | undefined;
  let output: string[];
  beforeEach(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'prometheus-'));
    place = {
      port: await freePort(),
      process: { name: 'prometheus', dir: tmp, log: join(tmp, 'prometheus.log') },
    };
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((line) => {
      output.push(String(line));
      return true;
    });
  });
  afterEach(async () => {
    await prometheusDown(place);
    jest.restoreAllMocks();
    await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
    blocker = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('without a prometheus binary on PATH: starts nothing, says how to install it', async () => {
    expect(await prometheusUp({ ...place, searchPath: '' })).toBeUndefined();
    expect(output.join('')).toMatch(/prometheus: not on PATH.*apt-get install prometheus/);
    expect(readPid(place.process)).toBeUndefined();
  });

  it('with its port taken: starts nothing, says so', async () => {
    if (!findOnPath('prometheus')) throw new Error(`prometheus is not on PATH. ${INSTALL}.`);
    blocker = createServer().listen(place.port, '127.0.0.1');
    await new Promise((r) => blocker!.once('listening', r));
    expect(await prometheusUp(place)).toBeUndefined();
    expect(output.join('')).toMatch(new RegExp(`port ${place.port} is in use`));
  });

  it('starts Prometheus with every service as a target and every alert rule, and stops it', async () => {
    if (!findOnPath('prometheus')) throw new Error(`prometheus is not on PATH. ${INSTALL}.`);
    const url = await prometheusUp(place);
    expect(url).toBe(`http://127.0.0.1:${place.port}`);
    const pid = readPid(place.process);
    expect(pid).toBeDefined();

    // Prometheus discovers its static targets shortly after it is ready (in up to 5 s).
    type Targets = { activeTargets: { labels: { service: string }; scrapeUrl: string }[] };
    let targets: { data: Targets } = { data: { activeTargets: [] } };
    for (let i = 0; i < 60 && targets.data.activeTargets.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      targets = (await (await fetch(`${url}/api/v1/targets`)).json()) as { data: Targets };
    }
    expect(targets.data.activeTargets.map((t) => t.scrapeUrl).sort()).toEqual(
      listServices().map((s) => `http://127.0.0.1:${s.port}/metrics`),
    );
    expect(targets.data.activeTargets.map((t) => t.labels.service).sort()).toEqual(
      listServices()
        .map((s) => s.name)
        .sort(),
    );
    const loaded = (await (await fetch(`${url}/api/v1/rules?type=alert`)).json()) as {
      data: { groups: { rules: { name: string }[] }[] };
    };
    expect(loaded.data.groups.flatMap((g) => g.rules.map((r) => r.name)).sort()).toEqual(
      alerts.map((a) => a.alert).sort(),
    );

    await prometheusDown(place);
    expect(isAlive(pid!)).toBe(false);
    expect(readPid(place.process)).toBeUndefined();
  });
});
