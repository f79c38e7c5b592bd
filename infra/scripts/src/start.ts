import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setupDatabases } from './databases';
import { infraEnv, say } from './env';
import { infraUp } from './infra';
import { root, runDir } from './paths';
import { listServices } from './services';

const logDir = join(runDir, 'logs');
const odooSimMain = join(root, 'infra/odoo-sim/src/main.ts');
const carrierSimMain = join(root, 'infra/carrier-sim/src/main.ts');

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

async function waitReady(
  url: string,
  path: string,
  child: ChildProcess,
  name: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}; see ${join(logDir, `${name}.log`)}`);
    const ok = await fetch(`${url}${path}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} not ready after 60 s; see ${join(logDir, `${name}.log`)}`);
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
    void Promise.all(
      running.map(
        (r) =>
          new Promise((res) => (r.child.exitCode !== null ? res(0) : r.child.once('exit', res))),
      ),
    ).then(() => {
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
  say('platform running:');
  for (const r of running) process.stdout.write(`  ${r.name.padEnd(16)} ${r.url}\n`);
  process.stdout.write(
    `  ${'kafka'.padEnd(16)} ${infraEnv.kafkaBrokers}\n  ${'schema registry'.padEnd(16)} ${infraEnv.registryUrl}\n`,
  );
  say(`logs in ${logDir}; Ctrl-C stops the services`);
}

/** The simulators first (the services need them), then every service; resolves when all are ready. */
async function launchAll(running: Running[]): Promise<void> {
  const shared: Record<string, string> = {
    KAFKA_BROKERS: infraEnv.kafkaBrokers,
    SCHEMA_REGISTRY_URL: infraEnv.registryUrl,
  };
  if (!process.env.ODOO_URL && existsSync(odooSimMain)) {
    const url = 'http://127.0.0.1:8069';
    const child = launch('odoo-sim', odooSimMain, { ODOO_SIM_PORT: '8069' });
    running.push({ name: 'odoo-sim', url, child });
    await waitReady(url, '/__sim/state', child, 'odoo-sim');
    shared.ODOO_URL = url;
  }
  if (!process.env.CARRIER_API_URL && existsSync(carrierSimMain)) {
    const url = 'http://127.0.0.1:8070';
    const child = launch('carrier-sim', carrierSimMain, { CARRIER_SIM_PORT: '8070' });
    running.push({ name: 'carrier-sim', url, child });
    await waitReady(url, '/__carrier/state', child, 'carrier-sim');
    shared.CARRIER_API_URL = url;
  }
  const services = listServices();
  for (const s of services) {
    const url = `http://127.0.0.1:${s.port}`;
    const child = launch(s.name, s.main, {
      ...shared,
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
