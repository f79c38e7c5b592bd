import { join } from 'node:path';
import { contractOf, type EventPayloads, type EventType } from '@o2c/contracts';
import { createEventProducer } from '@o2c/kafka';

import { createOdooClient } from '@o2c/odoo-client';
import {
  spawnProcess,
  waitFor,
  startReady,
  readTopic,
  asSeenMessage,
  type TopicReader,
  createServiceFixture,
} from '@o2c/testing';
import { createApp } from '../src/create-app';
import { loadConfig } from '../src/config';

const simMain = join(__dirname, '../../../infra/odoo-sim/src/main.ts');
export const WEBHOOK_TOKEN = 'test-webhook-token-0123456789';

/** Odoo's default modules plus stock_delivery (pickings have carrier_tracking_ref). */
export const WITH_DELIVERY = 'sale_management,stock,account,stock_sms,sms,stock_delivery';

/** A real Odoo to run against instead of the simulator (checks by hand, never in CI). */
export interface RealOdoo {
  url: string;
  db: string;
  login: string;
  apiKey: string;
}

/**
 * The real adapter in-process, against a real simulator process (or `real`, a real Odoo), Kafka,
 * registry and Postgres. `modules`: the simulator's installed modules; `env`: more adapter settings.
 */
export async function startHarness(
  version: string,
  {
    modules = WITH_DELIVERY,
    env = {},
    real,
  }: { modules?: string; env?: Record<string, string>; real?: RealOdoo } = {},
) {
  // The simulator announces its URL in its 'listening' info line.
  const sim = real
    ? undefined
    : spawnProcess(simMain, {
        ODOO_SIM_PORT: '0',
        ODOO_SIM_VERSION: version,
        ODOO_SIM_MODULES: modules,
        LOG_LEVEL: 'info',
      });
  const simUrl =
    real?.url ??
    (await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(sim!.output())?.[1], {
      what: `odoo-sim ${version}`,
    }).catch((error: unknown) => {
      sim!.child.kill('SIGKILL');
      throw error;
    }));
  const odooLogin = real ?? { db: 'o2c', login: 'admin', apiKey: 'o2c-admin-key' };
  const fx = await createServiceFixture('odoo-adapter', 'adapter');
  const { db, prefix, group, logger, kafka, serde } = fx;
  const serviceEnv = {
    ...fx.env,
    LOG_LEVEL: process.env.ADAPTER_LOG_LEVEL ?? 'warn',
    ODOO_URL: simUrl,
    ODOO_TIMEOUT_MS: '1500',
    ODOO_POLL_INTERVAL_MS: '300',
    ODOO_BREAKER_OPEN_MS: '500',
    ODOO_BREAKER_THRESHOLD: '2',
    ODOO_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    ...(real ? { ODOO_DB: real.db, ODOO_LOGIN: real.login, ODOO_API_KEY: real.apiKey } : {}),
    ...env,
  };
  const app = createApp({ config: loadConfig(serviceEnv) });
  const url = await startReady(app, {
    cleanup: async () => {
      sim?.child.kill('SIGKILL');
      await db.drop();
    },
  });

  const producer = createEventProducer({ kafka, serde, service: 'adapter-test', logger });
  await producer.connect();
  const odoo = createOdooClient({
    url: simUrl,
    ...odooLogin,
    transport: 'auto',
  });
  const readers: Array<TopicReader<unknown>> = [];

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${simUrl}/__sim/${path}`, {
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
    app,
    /** The adapter's environment, for a test that runs it as a process of its own instead. */
    serviceEnv,
    db: app.db,
    prefix,
    group,
    odoo,
    control,
    publish<T extends EventType>(eventType: T, data: EventPayloads[T], correlationId: string) {
      const c = contractOf(eventType);
      return producer.publish({
        topic: prefix + c.topic,
        key: String(data[c.keyField]),
        eventType,
        schemaVersion: c.version,
        schema: c.schema,
        data,
        correlationId,
      });
    },
    /** Every message on a (prefixed) topic from the beginning, decoded, collected as it arrives. */
    async collect(topic: string) {
      const reader = await readTopic(kafka, prefix + topic, asSeenMessage(serde));
      readers.push(reader);
      return reader.seen;
    },
    async stop() {
      await Promise.all(readers.map((r) => r.stop()));
      await producer.disconnect();
      await app.stop();
      sim?.child.kill('SIGTERM');
      await sim?.exited;
      await db.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The Odoo account.move tagged with `ref`, once it is posted. */
export async function postedMove(h: Harness, ref: string, fields: string[]) {
  const [move] = await waitFor(
    async () => {
      const found = await h.odoo.searchRead(
        'account.move',
        [
          ['ref', '=', ref],
          ['state', '=', 'posted'],
        ],
        { fields },
      );
      return found.length ? found : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `posted account.move ${ref}` },
  );
  return move!;
}
