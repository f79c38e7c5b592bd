import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '@o2c/platform';
import { setupDatabases } from './databases';
import { infraEnv, say } from './env';
import { infraUp } from './infra';
import { root, runDir } from './paths';
import { prometheusDown, prometheusUp } from './prometheus';
import { listServices } from './services';

const logDir = join(runDir, 'logs');
const odooSimMain = join(root, 'infra/odoo-sim/src/main.ts');
const carrierSimMain = join(root, 'infra/carrier-sim/src/main.ts');
const supplierSimMain = join(root, 'infra/supplier-sim/src/main.ts');

interface Running {
  name: string;
  url: string;
  child: ChildProcess;
}

function launch(name: string, main: string, env: Record<string, string>): ChildProcess {
  const log = openSync(join(logDir, `${name}.log`), 'a');
  // node directly (not npm) so SIGTERM reaches the service itself.
  return spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
}

/** What /readyz says is missing, in one line (the failing checks). */
async function notReady(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/readyz`);
    if (res.ok) return undefined;
    const { checks = {} } = (await res.json()) as { checks?: Record<string, string> };
    const failing = Object.entries(checks).filter(([, v]) => v !== 'ok');
    return failing.map(([k, v]) => `${k}: ${v}`).join('; ') || `HTTP ${res.status}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Waits for a process to answer `path` with 200. Services retry their dependencies by
 * themselves (a broker electing leaders, a registry starting), so this only reports what they wait
 * for every 15 s; it gives up when the process exits or after `timeoutMs`.
 */
async function waitReady(
  url: string,
  path: string,
  child: ChildProcess,
  name: string,
  timeoutMs = 300_000,
): Promise<void> {
  const started = Date.now();
  let reported = started;
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}; see ${join(logDir, `${name}.log`)}`);
    const missing =
      path === '/readyz'
        ? await notReady(url)
        : await fetch(`${url}${path}`).then(
            (r) => (r.ok ? undefined : `HTTP ${r.status}`),
            (e: Error) => e.message,
          );
    if (missing === undefined) return;
    if (Date.now() - reported >= 15_000) {
      reported = Date.now();
      say(`${name} not ready yet (${Math.round((reported - started) / 1000)} s): ${missing}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${name} not ready after ${timeoutMs / 1000} s; see ${join(logDir, `${name}.log`)}`,
  );
}

/** `npm start`: infra, databases, the Odoo simulator (unless ODOO_URL is set) and every service. */
async function start(): Promise<void> {
  await infraUp();
  await setupDatabases();
  mkdirSync(logDir, { recursive: true });
  const running: Running[] = [];
  const stopAll = () => {
    say('stopping services…');
    for (const r of running) r.child.kill('SIGTERM');
    void Promise.all([
      prometheusDown(),
      ...running.map(
        (r) =>
          new Promise((res) => (r.child.exitCode !== null ? res(0) : r.child.once('exit', res))),
      ),
    ]).then(() => {
      say('services stopped (Kafka and the registry keep running: npm run infra:down stops them)');
      process.exit(0);
    });
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);

  try {
    await launchAll(running);
  } catch (error) {
    for (const r of running) r.child.kill('SIGTERM');
    throw error;
  }
  const prometheus = await prometheusUp();
  say('platform running:');
  for (const r of running) process.stdout.write(`  ${r.name.padEnd(16)} ${r.url}\n`);
  process.stdout.write(
    `  ${'kafka'.padEnd(16)} ${infraEnv.kafkaBrokers}\n  ${'schema registry'.padEnd(16)} ${infraEnv.registryUrl}\n  ${'zipkin (traces)'.padEnd(16)} ${infraEnv.zipkinUrl}\n`,
  );
  if (prometheus) process.stdout.write(`  ${'prometheus'.padEnd(16)} ${prometheus}\n`);
  say(`logs in ${logDir}; Ctrl-C stops the services`);
}

/** The simulators first (the services need them), then every service; resolves when all are ready. */
async function launchAll(running: Running[]): Promise<void> {
  // Every process sends its spans to the local Zipkin, unless the operator chose otherwise.
  const tracing: Record<string, string> = {
    OTEL_TRACES_EXPORTER: process.env.OTEL_TRACES_EXPORTER ?? 'zipkin',
    OTEL_EXPORTER_ZIPKIN_ENDPOINT:
      process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT ?? `${infraEnv.zipkinUrl}/api/v2/spans`,
  };
  const shared: Record<string, string> = {
    ...tracing,
    // The local platform: the simulators' well-known secrets are accepted (see resolveSecrets).
    O2C_ENV: process.env.O2C_ENV ?? 'development',
    KAFKA_BROKERS: infraEnv.kafkaBrokers,
    SCHEMA_REGISTRY_URL: infraEnv.registryUrl,
    // Approved replenishments become a purchase order within 5 s, not the production minute.
    PURCHASE_WINDOW_MS: process.env.PURCHASE_WINDOW_MS ?? '5000',
  };
  if (!process.env.ODOO_URL && existsSync(odooSimMain)) {
    const url = 'http://127.0.0.1:8069';
    const child = launch('odoo-sim', odooSimMain, { ...tracing, ODOO_SIM_PORT: '8069' });
    running.push({ name: 'odoo-sim', url, child });
    await waitReady(url, '/__sim/state', child, 'odoo-sim');
    shared.ODOO_URL = url;
  }
  if (!process.env.CARRIER_API_URL && existsSync(carrierSimMain)) {
    const url = 'http://127.0.0.1:8070';
    const child = launch('carrier-sim', carrierSimMain, {
      ...tracing,
      CARRIER_SIM_PORT: '8070',
    });
    running.push({ name: 'carrier-sim', url, child });
    await waitReady(url, '/__carrier/state', child, 'carrier-sim');
    shared.CARRIER_API_URL = url;
  }
  if (!process.env.SUPPLIER_URL && existsSync(supplierSimMain)) {
    const url = 'http://127.0.0.1:8071';
    const child = launch('supplier-sim', supplierSimMain, { ...tracing, PORT: '8071' });
    running.push({ name: 'supplier-sim', url, child });
    await waitReady(url, '/health', child, 'supplier-sim');
    shared.SUPPLIER_URL = url;
  }
  const services = listServices();
  for (const s of services) {
    const url = `http://127.0.0.1:${s.port}`;
    const child = launch(s.name, s.main, {
      ...shared,
      // The services' heap sizing, unless the operator sets NODE_OPTIONS.
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? SERVICE_NODE_OPTIONS,
      PORT: String(s.port),
      DATABASE_URL: s.databaseUrl,
    });
    running.push({ name: s.name, url, child });
  }
  await Promise.all(
    running
      .filter((r) => !r.name.endsWith('-sim'))
      .map((r) => waitReady(r.url, '/readyz', r.child, r.name)),
  );
}

start().catch((error: unknown) => {
  process.stderr.write(`[start] ${(error as Error).message}\n`);
  process.exit(1);
});
