import { waitFor } from '@o2c/testing';
import { apiOf, until } from './support/api';
import { masterDataSynced } from './support/master-data';
import { createOwnInfra, type OwnInfra } from './support/own-infra';
import { SERVICES, startPlatform, type Platform } from './support/platform';

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`).catch(() => undefined);
  if (!res) return undefined;
  return {
    status: res.status,
    checks: ((await res.json()) as { checks: Record<string, string> }).checks,
  };
};

describe('a fresh machine: the platform starts before its broker and registry exist', () => {
  let infra: OwnInfra | undefined;
  let p: Platform | undefined;
  afterAll(async () => {
    await p?.stopAll();
    await infra?.down();
  });

  it('every service waits (saying for what), becomes ready once Kafka and the registry come up from empty data, and an order flows to its invoice', async () => {
    infra = await createOwnInfra();
    p = await startPlatform({
      infra: { brokers: infra.brokers, registryUrl: infra.registryUrl },
      waitReady: false,
    });
    const platform = p;
    for (const s of SERVICES) {
      const waiting = await waitFor(
        async () => {
          const r = await readyz(platform.urls[s]);
          return r && r.checks.kafka !== 'ok' && r.checks.startup !== 'ok' ? r : undefined;
        },
        { timeoutMs: 90_000, what: `${s} alive and waiting for Kafka` },
      );
      expect(waiting.status).toBe(503);
      expect(waiting.checks.startup).toMatch(/waiting for/);
    }

    await infra.up(true);
    for (const s of SERVICES) await platform.ready(s);
    await masterDataSynced(platform.dbs);

    const api = apiOf(platform);
    await until(
      async () => {
        const a = await api.availability('FURN-001');
        return JSON.stringify(a).includes('"onHand":60') ? true : undefined;
      },
      'FURN-001 stock known to inventory-sync',
      120_000,
    );
    const orderId = await api.submit([{ sku: 'FURN-001', quantity: 1 }]);
    await api.orderReaches(orderId, 'delivered', 120_000);
    const [invoice] = await api.events(orderId, 'InvoiceIssued');
    expect(invoice?.data.orderId).toBe(orderId);
  });
});
