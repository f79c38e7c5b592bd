import { createTestDatabase, testInfra, waitFor, type TestDatabase } from '@o2c/testing';
import { createServiceHost, serviceEnv, type ServiceHost } from '../src';

const leaderless = () =>
  Object.assign(new Error('This server does not host this topic-partition'), {
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
  });

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
};

describe('createServiceHost start-up', () => {
  let db: TestDatabase;
  let host: ServiceHost | undefined;

  const build = () => {
    const config = serviceEnv({ port: 0, database: 'unused' }).parse({
      O2C_ENV: 'development',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testInfra.brokers.join(','),
    });
    host = createServiceHost({ service: 'host-test', config, migrations: [] });
    return host;
  };

  beforeEach(async () => {
    db = await createTestDatabase('host');
  });
  afterEach(async () => {
    await host?.stop();
    host = undefined;
    await db.drop();
  });

  describe('when a component fails with transient errors before it starts', () => {
    it('retries it, names what it waits for on /readyz, and becomes ready', async () => {
      const h = build();
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let attempts = 0;
      h.use('topic consumer', async () => {
        attempts += 1;
        if (attempts < 3) throw leaderless();
        await released;
      });
      const url = await h.start();

      const waiting = await waitFor(async () => {
        const r = await readyz(url);
        return attempts >= 3 ? r : undefined;
      });
      expect(waiting.status).toBe(503);
      expect(waiting.body.checks.startup).toMatch(/waiting for topic consumer/);
      release();
      const ready = await waitFor(async () => {
        const r = await readyz(url);
        return r.status === 200 ? r : undefined;
      });
      expect(ready.body.checks.startup).toBe('ok');
      expect(attempts).toBe(3);
    });
  });

  describe('when a component fails for good (bad credentials)', () => {
    it('reports the failure on /readyz and through `failed`, and stops retrying', async () => {
      const h = build();
      let attempts = 0;
      h.use('registry client', () => {
        attempts += 1;
        return Promise.reject(new Error('registry said no', { cause: { status: 401 } }));
      });
      const url = await h.start();
      const error = await h.failed;
      expect(error.message).toMatch(/registry client: registry said no/);
      const r = await readyz(url);
      expect(r.status).toBe(503);
      expect(r.body.checks.startup).toMatch(/start-up failed/);
      expect(attempts).toBe(1);
    });
  });

  describe('when a running component reports that it died', () => {
    it('stops it and starts it again', async () => {
      const h = build();
      const events: string[] = [];
      let fail: ((e: unknown) => void) | undefined;
      h.use('consumer', (ctx) => {
        events.push('start');
        fail = ctx.fail;
        return Promise.resolve(() => {
          events.push('stop');
          return Promise.resolve();
        });
      });
      const url = await h.start();
      await waitFor(async () => ((await readyz(url)).status === 200 ? true : undefined));
      fail?.(new Error('consumer crashed'));
      await waitFor(() => (events.length === 3 ? true : undefined));
      expect(events).toEqual(['start', 'stop', 'start']);
      await waitFor(async () => ((await readyz(url)).status === 200 ? true : undefined));
    });
  });

  describe('when stopped while a component is still retrying', () => {
    it('stops promptly and never starts it', async () => {
      const h = build();
      let attempts = 0;
      h.use('consumer', () => {
        attempts += 1;
        return Promise.reject(leaderless());
      });
      await h.start();
      await waitFor(() => (attempts >= 2 ? true : undefined));
      await h.stop();
      const after = attempts;
      await new Promise((r) => setImmediate(r));
      expect(attempts).toBe(after);
    });
  });

  describe('the event catalogue', () => {
    it('serves the AsyncAPI document without a key, as committed in schemas/', async () => {
      const url = await build().start();
      const res = await fetch(`${url}/asyncapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as {
        asyncapi: string;
        channels: Record<string, { address: string }>;
        components: { schemas: { EnvelopeHeaders: { required: string[] } } };
      };
      expect(doc.asyncapi).toBe('3.0.0');
      expect(Object.values(doc.channels).map((c) => c.address)).toContain('sales.orders');
      expect(doc.components.schemas.EnvelopeHeaders.required).toContain('ce_id');
    });
  });
});
