import { createServer, connect, type Server, type Socket } from 'node:net';
import { createDb, type Db } from '@o2c/db';
import {
  createTestDatabase,
  testInfra,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@o2c/testing';
import { createServiceHost, serviceEnv, type ServiceHost } from '../src';

interface Row {
  kind: string;
  subject: string;
  detail: string | null;
  service: string;
}

describe('platform signals', () => {
  let db: TestDatabase;
  let reader: Db;
  const hosts: ServiceHost[] = [];

  const build = (env: Record<string, string> = {}, kafkaProbeMs?: number) => {
    const config = serviceEnv({ port: 0, database: 'unused' }).parse({
      O2C_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
      SCHEMA_REGISTRY_URL: testInfra.registryUrl,
      ...env,
    });
    const host = createServiceHost({
      service: 'signals-test',
      config,
      migrations: [],
      ...(kafkaProbeMs ? { kafkaProbeMs } : {}),
    });
    hosts.push(host);
    return host;
  };
  const rows = async (kind?: string): Promise<Row[]> => {
    const q = reader('platform_signals').select<Row[]>('kind', 'subject', 'detail', 'service');
    if (kind) void q.where({ kind });
    return q.orderBy('id');
  };
  const rowsOnce = async (kind: string, n = 1) => {
    const found = await rows(kind).catch(() => []);
    return found.length >= n ? found : undefined;
  };

  beforeEach(async () => {
    db = await createTestDatabase('signals');
    reader = createDb(db.url);
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
    await reader.destroy();
    await db.drop();
  });

  describe('when a host starts', () => {
    it('records SERVICE_STARTED with its version, and VERSION_CHANGED when the next one differs', async () => {
      const first = build({ O2C_VERSION: '1.2.3' });
      await first.start();
      const [started] = await waitFor(() => rowsOnce('SERVICE_STARTED'));
      expect(started).toMatchObject({ service: 'signals-test', subject: '1.2.3' });
      expect(started?.detail).toMatch(/^node v\d+.*pid \d+$/);
      await first.stop();
      expect(await rows('VERSION_CHANGED')).toEqual([]);

      const second = build({ O2C_VERSION: '1.3.0' });
      await second.start();
      const [changed] = await waitFor(() => rowsOnce('VERSION_CHANGED'));
      expect(changed).toMatchObject({ subject: '1.3.0', detail: 'from 1.2.3' });
      expect((await rows('SERVICE_STARTED')).map((r) => r.subject)).toEqual(['1.2.3', '1.3.0']);
    });
  });

  describe('when signals are older than the retention', () => {
    it('prunes them when the host starts, and keeps the recent ones', async () => {
      const first = build();
      await first.migrate();
      const day = 24 * 60 * 60 * 1000;
      await reader('platform_signals').insert([
        { at: new Date(Date.now() - 31 * day), service: 'signals-test', kind: 'OLD', subject: 'x' },
        {
          at: new Date(Date.now() - 29 * day),
          service: 'signals-test',
          kind: 'KEPT',
          subject: 'x',
        },
      ]);
      await first.start();
      await waitFor(async () => ((await rows('OLD')).length === 0 ? true : undefined), {
        what: 'the old signal pruned',
      });
      expect(await rows('KEPT')).toHaveLength(1);
      expect(await waitFor(() => rowsOnce('SERVICE_STARTED'))).toHaveLength(1);
    });
  });

  describe('when a component signals a transition', () => {
    it('writes one row per call, with its subject and detail', async () => {
      const host = build();
      await host.start();
      await waitFor(() => rowsOnce('SERVICE_STARTED'));
      host.signal('CIRCUIT_OPENED', 'odoo', '5 failures');
      host.signal('CIRCUIT_CLOSED', 'odoo');
      const circuit = await waitFor(async () => {
        const found = (await rows()).filter((r) => r.kind.startsWith('CIRCUIT_'));
        return found.length === 2 ? found : undefined;
      });
      expect(circuit.map((r) => [r.kind, r.subject, r.detail])).toEqual([
        ['CIRCUIT_OPENED', 'odoo', '5 failures'],
        ['CIRCUIT_CLOSED', 'odoo', null],
      ]);
    });
  });

  describe('when a dependency fails repeatedly and recovers', () => {
    it('records its transitions only', async () => {
      const host = build();
      await host.start();
      const dhl = host.reachability('carrier:dhl', 'CARRIER');
      dhl.up(); // reachable from the start: nothing to say
      dhl.down(new Error('503 from dhl'));
      host.reachability('carrier:dhl', 'CARRIER').down(new Error('timeout'));
      dhl.up();
      dhl.up();
      const carrier = await waitFor(async () => {
        const found = (await rows()).filter((r) => r.kind.startsWith('CARRIER_'));
        return found.length === 2 ? found : undefined;
      });
      expect(carrier.map((r) => [r.kind, r.subject, r.detail])).toEqual([
        ['CARRIER_UNREACHABLE', 'carrier:dhl', '503 from dhl'],
        ['CARRIER_REACHABLE', 'carrier:dhl', null],
      ]);
    });
  });

  describe('when the broker is lost and comes back', () => {
    let proxy: Server | undefined;
    const sockets = new Set<Socket>();
    afterEach(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    });

    it('records KAFKA_UNREACHABLE once, then KAFKA_REACHABLE', async () => {
      // A TCP relay in front of the real broker: closed, the service cannot bootstrap.
      const [kafkaHost, kafkaPort] = testInfra.brokers[0]!.split(':');
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port: p } = probe.address() as { port: number };
          probe.close(() => resolve(p));
        });
      });
      const host = build({ KAFKA_BROKERS: `127.0.0.1:${port}` }, 100);
      await host.start();
      await waitFor(() => rowsOnce('KAFKA_UNREACHABLE'), { what: 'KAFKA_UNREACHABLE' });

      proxy = createServer((client) => {
        const upstream = connect(Number(kafkaPort), kafkaHost);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const end = () => (client.destroy(), upstream.destroy());
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
      await new Promise<void>((r) => proxy!.listen(port, '127.0.0.1', r));
      await waitFor(() => rowsOnce('KAFKA_REACHABLE'), { what: 'KAFKA_REACHABLE' });
      const kafka = (await rows()).filter((r) => r.subject === 'kafka');
      expect(kafka.map((r) => r.kind)).toEqual(['KAFKA_UNREACHABLE', 'KAFKA_REACHABLE']);
      expect(kafka[0]?.detail).toMatch(/ECONNREFUSED|connect/i);
    });
  });

  describe('when the service registers a schema the registry did not have', () => {
    it('records SCHEMA_REGISTERED with the subject and its registry version', async () => {
      const host = build();
      await host.start();
      const name = `SignalsTest${uniqueName('s').replace(/[^A-Za-z0-9]/g, '')}`;
      const schema = {
        type: 'record' as const,
        name,
        namespace: 'o2c.test',
        fields: [{ name: 'a', type: 'string' }],
      };
      const id = await host.serde.schemaId(schema);
      const [registered] = await waitFor(() => rowsOnce('SCHEMA_REGISTERED'));
      expect(registered).toMatchObject({
        subject: `o2c.test.${name}`,
        detail: `version 1, id ${id}`,
      });
      // Known now: a second look-up registers nothing.
      await host.serde.schemaId({ ...schema, doc: 'same fields, another text' });
      expect(await rows('SCHEMA_REGISTERED')).toHaveLength(1);
    });
  });

  describe('when the registry does not answer', () => {
    it('records REGISTRY_UNREACHABLE once', async () => {
      const host = build({ SCHEMA_REGISTRY_URL: 'http://127.0.0.1:9/apis/ccompat/v7' });
      await host.start();
      const schema = { type: 'record' as const, name: 'Unreached', fields: [] };
      const failing = host.serde.schemaId(schema).catch((e: unknown) => e);
      const [down] = await waitFor(() => rowsOnce('REGISTRY_UNREACHABLE'));
      expect(down?.subject).toBe('registry');
      expect(await failing).toBeInstanceOf(Error);
      expect(await rows('REGISTRY_UNREACHABLE')).toHaveLength(1);
    }, 30_000);
  });
});
