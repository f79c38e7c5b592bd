import { createServer } from 'node:net';
import { DEVELOPMENT_API_KEY, hashApiKey } from '@o2c/http';
import { spawnProcess } from './spawn-process';
import { createTestDatabase } from './test-database';
import { testInfra } from './test-infra';
import { waitFor } from './wait-for';

/** A loopback port free right now. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`).catch(() => undefined);
  return res
    ? { status: res.status, body: (await res.json()) as { checks: Record<string, string> } }
    : undefined;
};

/**
 * The boot contract every service honours, run against its real main.ts as a process:
 * /livez answers, /readyz is 200 with infra up and 503 when Postgres or Kafka is unreachable,
 * and SIGTERM ends the process cleanly with exit code 0. Outside development mode it refuses to
 * start without API_KEYS or each of its `secrets` (name → public development value), or with one
 * left at its public development value.
 */
export function itBootsAndStops(
  mainPath: string,
  options: { secrets?: Record<string, string> } = {},
): void {
  const start = async (overrides: Record<string, string>) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = spawnProcess(mainPath, {
      PORT: String(port),
      KAFKA_BROKERS: testInfra.brokers.join(','),
      LOG_LEVEL: 'warn',
      ...overrides,
    });
    await waitFor(() => fetch(`${url}/livez`).then((r) => (r.ok ? true : undefined)), {
      what: `${mainPath} /livez\n${proc.output()}`,
    });
    return { url, proc };
  };

  it('boots, reports ready with infra up, and exits 0 on SIGTERM', async () => {
    const db = await createTestDatabase('boot');
    try {
      const { url, proc } = await start({ DATABASE_URL: db.url });
      const ready = await waitFor(
        async () => ((await readyz(url))?.status === 200 ? true : undefined),
        {
          what: 'readyz 200',
        },
      );
      expect(ready).toBe(true);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('answers 503 on /readyz while Postgres is unreachable', async () => {
    const { url, proc } = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const res = await readyz(url);
      expect(res?.status).toBe(503);
      expect(res?.body.checks.postgres).not.toBe('ok');
      expect(res?.body.checks.kafka).toBe('ok');
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  });

  it('answers 503 on /readyz while Kafka is unreachable', async () => {
    const db = await createTestDatabase('boot');
    const { url, proc } = await start({ DATABASE_URL: db.url, KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      const res = await readyz(url);
      expect(res?.status).toBe(503);
      expect(res?.body.checks.kafka).toMatch(/kafka/);
      expect(res?.body.checks.postgres).toBe('ok');
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await db.drop();
    }
  });

  const secrets = Object.entries(options.secrets ?? {});
  const exitOf = async (env: Record<string, string>) => {
    const proc = spawnProcess(mainPath, {
      O2C_ENV: 'production',
      KAFKA_BROKERS: testInfra.brokers.join(','),
      ...env,
    });
    return { code: await proc.exited, output: proc.output() };
  };
  const ownSecrets = Object.fromEntries(secrets.map(([name]) => [name, `own-${name}-value`]));

  it('outside development, exits 2 without API_KEYS or with the development key among them', async () => {
    const missing = await exitOf(ownSecrets);
    const developmentHash = hashApiKey(DEVELOPMENT_API_KEY);
    const publicKey = await exitOf({
      ...ownSecrets,
      API_KEYS: `ops:${hashApiKey('an-own-key')}:admin:verify;dev:${developmentHash}:orders:read`,
    });
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('API_KEYS is not set');
    expect(publicKey.code).toBe(2);
    expect(publicKey.output).toContain('API_KEYS holds the public development key');
    expect(publicKey.output).not.toContain(developmentHash);
  });

  if (secrets.length > 0)
    it('outside development, exits 2 naming each secret missing or left at its public value, printing no value', async () => {
      const missing = await exitOf({});
      const publicValues = await exitOf(Object.fromEntries(secrets));
      expect(missing.code).toBe(2);
      expect(publicValues.code).toBe(2);
      for (const [name, value] of secrets) {
        expect(missing.output).toContain(`${name} is not set`);
        expect(publicValues.output).toContain(`${name} holds the public development value`);
        expect(publicValues.output).not.toContain(value);
      }
    });
}
