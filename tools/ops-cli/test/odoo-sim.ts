import { join } from 'node:path';
import { spawnProcess, waitFor, type SpawnedProcess } from '@o2c/testing';

const SIM_MAIN = join(__dirname, '../../../infra/odoo-sim/src/main.ts');

export interface RunningSim {
  url: string;
  /** The ODOO_* variables that point the CLI (as the adapter) at this simulator. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** An odoo-sim process on a free port, with the given installed modules (default install if unset). */
export async function startOdooSim(
  options: { modules?: string[]; version?: string } = {},
): Promise<RunningSim> {
  const sim: SpawnedProcess = spawnProcess(SIM_MAIN, {
    ODOO_SIM_PORT: '0',
    ODOO_SIM_VERSION: options.version ?? '17',
    ...(options.modules ? { ODOO_SIM_MODULES: options.modules.join(',') } : {}),
  });
  const url = await waitFor(
    () => {
      const line = sim
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"odoo-sim listening"'));
      return line ? /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(line)?.[1] : undefined;
    },
    { what: 'odoo-sim to listen', timeoutMs: 30_000 },
  );
  return {
    url,
    env: { ODOO_URL: url, ODOO_DB: 'o2c', ODOO_LOGIN: 'admin', ODOO_API_KEY: 'o2c-admin-key' },
    async stop() {
      sim.child.kill('SIGTERM');
      await sim.exited;
    },
  };
}

/** A call to the simulator's control API (`/__sim/...`). */
export async function simControl(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/__sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
