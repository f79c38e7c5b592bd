import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTestDatabase,
  processReady,
  spawnProcess,
  testInfra,
  uniqueName,
  type SpawnedProcess,
  type TestDatabase,
} from '@o2c/testing';
import { SERVICE_NODE_OPTIONS } from '@o2c/platform';
import { buildBundles } from './bundles';
import { deletePrefixed } from './delete-prefixed';
import { freePort } from './free-port';
import { masterDataSynced } from './master-data';

export const SERVICES = [
  'order-intake',
  'inventory-sync',
  'fulfillment',
  'invoicing',
  'odoo-adapter',
] as const;
export type ServiceName = (typeof SERVICES)[number];
type ProcessName = ServiceName | 'flow-watch' | 'odoo-sim' | 'carrier-sim' | 'supplier-sim';

/**
 * flow-watch's detector at test speed: 2 s buckets, windows of 5 buckets (10 s) judged 2 s after
 * they close, against the windows before (at least 3, so 30 s of traffic first), z = 4: a channel
 * is flagged silent within about 14 s when it sent more than 10.4 orders per 10 s before (about
 * one order a second or more); slower channels are never "silent" (their quiet is not unusual).
 */
export const FLOW_WATCH_TEST_ENV = {
  ANOMALY_BUCKET_SECONDS: '2',
  ANOMALY_WINDOW_BUCKETS: '5',
  ANOMALY_LATENESS_SECONDS: '2',
  ANOMALY_RECENT_WINDOWS: '6',
  ANOMALY_MIN_REFERENCES: '3',
  ANOMALY_THRESHOLD: '4',
  ANOMALY_MIN_SAMPLES: '5',
  ANOMALY_DLQ_POLL_SECONDS: '1',
} as const;

const root = join(__dirname, '../..');
/** Each process's project, relative to the repository. */
export const PROJECT_DIRS: Record<ProcessName, string> = {
  ...(Object.fromEntries(SERVICES.map((s) => [s, `services/${s}`])) as Record<ServiceName, string>),
  'flow-watch': 'services/flow-watch',
  'odoo-sim': 'infra/odoo-sim',
  'carrier-sim': 'infra/carrier-sim',
  'supplier-sim': 'infra/supplier-sim',
};
/** Each process's entry: its bundle (`buildBundles`) or its source (run with tsx). */
const mainOf = (name: ProcessName, built: boolean) =>
  join(root, PROJECT_DIRS[name], built ? 'dist/main.js' : 'src/main.ts');

/** Builds every bundle `startPlatform({ built: true })` runs (the bench builds them first). */
export const buildPlatform = () => buildBundles(Object.values(PROJECT_DIRS));

/** Where each simulator says it is up; the services answer /readyz. */
const SIM_HEALTH: Partial<Record<ProcessName, string>> = {
  'odoo-sim': '/__sim/state',
  'carrier-sim': '/__carrier/state',
  'supplier-sim': '/health',
};

export interface PlatformOptions {
  /** Extra environment per process, e.g. shorter timeouts. */
  env?: Partial<Record<ProcessName, Record<string, string>>>;
  odooVersion?: '16' | '17' | '18' | '19';
  /** Kafka and registry of the platform's own (default: the shared local infra). */
  infra?: { brokers: string[]; registryUrl: string };
  /** Every process exports its spans to the local Zipkin (default: spans stay in-process). */
  traces?: boolean;
  /** Wait until every service is ready (default); false only spawns them (cold-start tests). */
  waitReady?: boolean;
  /**
   * Also start flow-watch (with FLOW_WATCH_TEST_ENV, overridable through `env`), after the five
   * services; its database is `flowWatchDb`. Default false: other suites do not pay for it.
   */
  flowWatch?: boolean;
  /** Each process writes a V8 CPU profile, `<name>.cpuprofile`, into this folder when it ends. */
  cpuProfileDir?: string;
  /**
   * Run each process from its esbuild bundle (`<project>/dist/main.js`, made by `buildPlatform`),
   * as the image does, instead of its TypeScript source through tsx (default, as `npm start`).
   * The benchmark runs bundles; the e2e suites do not yet: from bundles, order-to-cash and
   * procure-to-pay failed tests in CI, a race not yet found (docs/performance.md).
   */
  built?: boolean;
}

const ready = (url: string, path: string, proc: SpawnedProcess, what: string) =>
  processReady(proc, url, { path, what });

/**
 * The whole platform as separate processes on the shared local Kafka, registry and Postgres:
 * the Odoo and carrier simulators and the five services, isolated by a topic prefix, their own
 * consumer groups and fresh databases. Services can be stopped, killed and started again.
 */
export async function startPlatform(options: PlatformOptions = {}) {
  const prefix = `${uniqueName('e2e')}.`;
  const names: ProcessName[] = [
    'odoo-sim',
    'carrier-sim',
    'supplier-sim',
    ...SERVICES,
    ...(options.flowWatch ? (['flow-watch'] as const) : []),
  ];
  const ports = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await freePort()] as const)),
  ) as Record<ProcessName, number>;
  const urls = Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<
    ProcessName,
    string
  >;
  const dbs = {} as Record<ServiceName, TestDatabase>;
  for (const s of SERVICES) dbs[s] = await createTestDatabase(s.replace('-', ''));
  const flowWatchDb = options.flowWatch ? await createTestDatabase('flowwatch') : undefined;
  const procs = new Map<ProcessName, SpawnedProcess>();

  const tracing: Record<string, string> = options.traces
    ? {
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${testInfra.zipkinUrl}/api/v2/spans`,
      }
    : {};
  const envOf = (name: ProcessName): Record<string, string> => ({ ...tracing, ...ownEnv(name) });
  const ownEnv = (name: ProcessName): Record<string, string> => {
    const extra = options.env?.[name] ?? {};
    if (name === 'odoo-sim')
      return {
        ODOO_SIM_PORT: String(ports[name]),
        ODOO_SIM_VERSION: options.odooVersion ?? '17',
        LOG_LEVEL: 'warn',
        ...extra,
      };
    if (name === 'carrier-sim')
      return { CARRIER_SIM_PORT: String(ports[name]), LOG_LEVEL: 'warn', ...extra };
    if (name === 'supplier-sim') return { PORT: String(ports[name]), LOG_LEVEL: 'warn', ...extra };
    return {
      NODE_OPTIONS: SERVICE_NODE_OPTIONS,
      PORT: String(ports[name]),
      LOG_LEVEL: 'warn',
      DATABASE_URL: name === 'flow-watch' ? flowWatchDb!.url : dbs[name].url,
      KAFKA_BROKERS: (options.infra?.brokers ?? testInfra.brokers).join(','),
      SCHEMA_REGISTRY_URL: options.infra?.registryUrl ?? testInfra.registryUrl,
      TOPIC_PREFIX: prefix,
      CONSUMER_GROUP: `${prefix}${name}`,
      ODOO_URL: urls['odoo-sim'],
      ODOO_POLL_INTERVAL_MS: '500',
      ODOO_ADAPTER_URL: urls['odoo-adapter'],
      CARRIER_API_URL: urls['carrier-sim'],
      SUPPLIER_URL: urls['supplier-sim'],
      PUBLIC_URL: urls[name],
      RECONCILE_INTERVAL_MS: '0',
      // Purchasing: the planner runs when a test asks; approvals make a PO within half a second.
      REPLENISHMENT_INTERVAL_MS: '0',
      PURCHASE_WINDOW_MS: '500',
      PURCHASE_POLL_MS: '200',
      ...(name === 'flow-watch' ? FLOW_WATCH_TEST_ENV : {}),
      ...extra,
    };
  };
  const healthPath = (name: ProcessName) => SIM_HEALTH[name] ?? '/readyz';

  const platform = {
    prefix,
    urls,
    dbs,
    flowWatchDb,
    /** Starts (or restarts) a process and waits until it is ready (unless told not to). */
    async start(name: ProcessName, { wait = true } = {}) {
      const profile = options.cpuProfileDir
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${options.cpuProfileDir}`,
            `--cpu-prof-name=${name}.cpuprofile`,
          ]
        : [];
      const proc = spawnProcess(mainOf(name, options.built ?? false), envOf(name), [], profile);
      procs.set(name, proc);
      // One that never gets ready is stopped: a second try must not find it holding the port.
      if (wait)
        await ready(urls[name], healthPath(name), proc, name).catch(async (error: unknown) => {
          proc.child.kill('SIGKILL');
          await proc.exited;
          throw error;
        });
    },
    /** Waits until a process started earlier is ready. */
    ready: (name: ProcessName) => {
      const proc = procs.get(name);
      if (!proc) throw new Error(`${name} was not started`);
      return ready(urls[name], healthPath(name), proc, name);
    },
    /** SIGTERM (graceful) or SIGKILL; resolves once the process is gone. */
    async stop(name: ProcessName, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
      const proc = procs.get(name);
      if (!proc || proc.child.exitCode !== null || proc.child.signalCode) return;
      proc.child.kill(signal);
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
      await proc.exited;
      clearTimeout(timer);
    },
    /** Pid of a running process (for memory sampling). */
    pid: (name: ProcessName) => procs.get(name)?.child.pid,
    /** What a process printed (warnings and errors at the default log level). */
    output: (name: ProcessName) => procs.get(name)?.output() ?? '',
    /**
     * Stops everything, drops its databases and deletes its topics; each process's output is kept
     * in .cache/e2e/<prefix>/ for post-mortems.
     */
    async stopAll() {
      await Promise.all(names.map((n) => platform.stop(n)));
      const dir = join(root, '.cache/e2e', prefix.replace(/\.$/, ''));
      mkdirSync(dir, { recursive: true });
      for (const [name, proc] of procs) writeFileSync(join(dir, `${name}.log`), proc.output());
      await Promise.all(Object.values(dbs).map((db) => db.drop()));
      await flowWatchDb?.drop();
      const brokers = options.infra?.brokers ?? testInfra.brokers;
      await deletePrefixed(brokers, prefix).catch((error: unknown) =>
        process.stderr.write(`[e2e] topics of ${prefix} left behind: ${String(error)}\n`),
      );
    },
  };
  try {
    await Promise.all(
      (['odoo-sim', 'carrier-sim', 'supplier-sim'] as const).map((n) => platform.start(n)),
    );
    // One at a time: on two cores, five cold starts at once take longer than in turn.
    for (const s of SERVICES) await platform.start(s, { wait: options.waitReady ?? true });
    if (options.flowWatch) await platform.start('flow-watch', { wait: options.waitReady ?? true });
    // Master data comes from Odoo through the adapter: orders make sense once it has arrived.
    if (options.waitReady ?? true) await masterDataSynced(dbs);
  } catch (error) {
    await platform.stopAll();
    throw error;
  }
  return platform;
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** Where a running platform answers: a test's, or `npm start`'s (no prefix, fixed ports). */
export interface Endpoints {
  prefix: string;
  urls: Record<ProcessName, string>;
}

export const localEndpoints: Endpoints = {
  prefix: '',
  urls: {
    'order-intake': 'http://127.0.0.1:3001',
    'inventory-sync': 'http://127.0.0.1:3002',
    fulfillment: 'http://127.0.0.1:3003',
    invoicing: 'http://127.0.0.1:3004',
    'odoo-adapter': 'http://127.0.0.1:3005',
    'flow-watch': 'http://127.0.0.1:3007',
    'odoo-sim': 'http://127.0.0.1:8069',
    'carrier-sim': 'http://127.0.0.1:8070',
    'supplier-sim': 'http://127.0.0.1:8071',
  },
};
