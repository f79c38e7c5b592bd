import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testInfra } from '@o2c/testing';
import { createAvroSerde, createSchemaRegistry, SchemaRegistryUnavailableError } from '../src';
import { buildSchema, uniqueNamespace } from './fixtures';

const api = (path: string, init?: RequestInit) => fetch(`${testInfra.registryUrl}/${path}`, init);
const created: string[] = [];

afterAll(async () => {
  for (const subject of created) {
    for (const query of ['', '?permanent=true']) {
      await api(`subjects/${encodeURIComponent(subject)}${query}`, { method: 'DELETE' });
    }
  }
});

describe('createAvroSerde registering a new subject', () => {
  describe('from many processes at once (a fresh client and cache each, as separate processes)', () => {
    it('succeeds for every one with the same id and leaves the subject BACKWARD_TRANSITIVE', async () => {
      // Each round is a fresh subject; the race (two "set compatibility" calls, or a lookup
      // between a first version and its rule) hit at least once in 3 rounds before the fix.
      for (let round = 0; round < 3; round++) {
        const schema = buildSchema(uniqueNamespace());
        const subject = `${schema.namespace}.${schema.name}`;
        created.push(subject);

        const results = await Promise.allSettled(
          Array.from({ length: 16 }, () =>
            createAvroSerde(createSchemaRegistry(testInfra.registryUrl)).schemaId(schema),
          ),
        );

        const failures = results.flatMap((r) =>
          r.status === 'rejected' ? [String((r.reason as Error).message)] : [],
        );
        expect(failures).toEqual([]);
        const ids = new Set(results.map((r) => (r as PromiseFulfilledResult<number>).value));
        expect(ids.size).toBe(1);
        const config = (await (await api(`config/${subject}`)).json()) as {
          compatibilityLevel?: string;
        };
        expect(config.compatibilityLevel).toBe('BACKWARD_TRANSITIVE');
        const versions = (await (await api(`subjects/${subject}/versions`)).json()) as number[];
        expect(versions).toEqual([1]);
      }
    });
  });

  describe('when the registry fails transiently', () => {
    let proxy: Server | undefined;
    afterEach(() => proxy?.close());

    it('retries with back-off and registers once it answers', async () => {
      // A proxy in front of the real registry that answers the first two requests with 503.
      const statuses: number[] = [];
      proxy = createServer((req, res) => {
        if (statuses.length < 2) {
          statuses.push(503);
          res.writeHead(503).end('{"error_code":50301,"message":"starting"}');
          return;
        }
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = chunks.length ? Buffer.concat(chunks) : undefined;
          void fetch(`${new URL(testInfra.registryUrl).origin}${req.url}`, {
            method: req.method!,
            headers: { 'Content-Type': req.headers['content-type'] ?? 'application/json' },
            ...(body ? { body } : {}),
          }).then(async (reply) => {
            statuses.push(reply.status);
            res.writeHead(reply.status, { 'Content-Type': 'application/json' });
            res.end(Buffer.from(await reply.arrayBuffer()));
          });
        });
      }).listen(0, '127.0.0.1');
      await new Promise((r) => proxy!.once('listening', r));
      const { port } = proxy.address() as AddressInfo;
      const path = new URL(testInfra.registryUrl).pathname;
      const schema = buildSchema(uniqueNamespace());
      created.push(`${schema.namespace}.${schema.name}`);
      const serde = createAvroSerde(createSchemaRegistry(`http://127.0.0.1:${port}${path}`), {
        retry: { retries: 4, initialMs: 20, maxMs: 100 },
      });

      const id = await serde.schemaId(schema);

      expect(statuses.slice(0, 2)).toEqual([503, 503]);
      expect(statuses.slice(2)).toContain(200);
      const direct = createAvroSerde(createSchemaRegistry(testInfra.registryUrl));
      expect(await direct.schemaId(schema)).toBe(id);
    });
  });

  describe('when the registry cannot be reached', () => {
    it('retries with back-off, then throws a typed SchemaRegistryUnavailableError', async () => {
      // A closed port: the connection is refused on every try.
      const serde = createAvroSerde(createSchemaRegistry('http://127.0.0.1:1/apis/ccompat/v7'), {
        retry: { retries: 2, initialMs: 20, maxMs: 40 },
      });
      const started = Date.now();

      const error = (await serde
        .encode(buildSchema(uniqueNamespace()), {
          id: 'a',
          quantity: 1,
          note: null,
        })
        .catch((e: unknown) => e)) as SchemaRegistryUnavailableError;

      expect(error).toBeInstanceOf(SchemaRegistryUnavailableError);
      expect(error).toMatchObject({
        code: 'SCHEMA_REGISTRY_UNAVAILABLE',
        unavailable: true,
        tries: 3,
      });
      expect((error.cause as Error).message).toMatch(/ECONNREFUSED/);
      // Two back-offs of at least half of 20 and 40 ms were waited.
      expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    });
  });
});
