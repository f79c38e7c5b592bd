import { join } from 'node:path';
import {
  createTestDatabase,
  spawnProcess,
  testInfra,
  uniqueName,
  waitFor,
  type SpawnedProcess,
} from '@o2c/testing';

const root = join(__dirname, '../../..');

const urlIn = (p: SpawnedProcess, what: string) =>
  waitFor(
    () =>
      p
        .output()
        .split('\n')
        .filter((line) => line.includes('listening'))
        .map((line) => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(line)?.[1])
        .find(Boolean),
    { what, timeoutMs: 60_000 },
  );

/**
 * The Odoo simulator and the real odoo-adapter, each as its own process (services never import
 * each other): the adapter serves GET /odoo/stock from the simulator. Its polling is off and its
 * topics are its own, so inventory-sync only learns Odoo's stock through reconciliation.
 */
export async function startOdoo() {
  const sim = spawnProcess(join(root, 'infra/odoo-sim/src/main.ts'), {
    ODOO_SIM_PORT: '0',
    LOG_LEVEL: 'info',
  });
  const processes = [sim];
  const db = await createTestDatabase('adapter');
  const stop = async () => {
    for (const p of processes.reverse()) {
      p.child.kill('SIGTERM');
      await p.exited;
    }
    await db.drop();
  };
  try {
    const simUrl = await urlIn(sim, 'odoo-sim');
    const adapter = spawnProcess(join(root, 'services/odoo-adapter/src/main.ts'), {
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      ODOO_URL: simUrl,
      ODOO_POLL_INTERVAL_MS: '0',
      TOPIC_PREFIX: `${uniqueName('adapter')}.`,
      CONSUMER_GROUP: uniqueName('odoo-adapter'),
    });
    processes.push(adapter);
    const adapterUrl = await urlIn(adapter, 'odoo-adapter');
    await waitFor(async () => ((await fetch(`${adapterUrl}/readyz`)).ok ? true : undefined), {
      what: 'odoo-adapter ready',
      timeoutMs: 60_000,
    });
    return {
      adapterUrl,
      /** Sets Odoo's on-hand of a product in a location (the simulator's control API). */
      async setOnHand(productId: number, locationId: number, quantity: number) {
        const res = await fetch(`${simUrl}/__sim/stock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ productId, locationId, quantity }),
        });
        if (!res.ok) throw new Error(`sim stock control: ${res.status} ${await res.text()}`);
      },
      async stopAdapter() {
        adapter.child.kill('SIGTERM');
        await adapter.exited;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
