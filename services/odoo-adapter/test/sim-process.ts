import { join } from 'node:path';
import { spawnProcess, waitFor } from '@o2c/testing';

const simMain = join(__dirname, '../../../infra/odoo-sim/src/main.ts');

/** A real simulator process (version, and env such as ODOO_SIM_MODULES); resolves once listening. */
export async function startSimProcess(version: string, env: Record<string, string> = {}) {
  const sim = spawnProcess(simMain, {
    ODOO_SIM_PORT: '0',
    ODOO_SIM_VERSION: version,
    LOG_LEVEL: 'info',
    ...env,
  });
  // The simulator announces its URL in its 'listening' info line.
  const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim.output())?.[1], {
    what: `odoo-sim ${version}`,
  }).catch((error: unknown) => {
    sim.child.kill('SIGKILL');
    throw error;
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/__sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok)
      throw new Error(`sim control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    control,
    kill: () => sim.child.kill('SIGKILL'),
    async stop() {
      sim.child.kill('SIGTERM');
      await sim.exited;
    },
  };
}
