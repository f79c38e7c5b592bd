import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@o2c/testing';
import { lookupOrRegisterSchema } from '../src/register-schema';
import { createSchemaRegistry } from '../src/schema-registry';
import { SchemaRegistryUnavailableError } from '../src';

describe('a registry that never answers', () => {
  it('fails the call after the timeout, retries, and gives up without leaving a request open', async () => {
    const open = new Set<Socket>();
    let requests = 0;
    // Accepts connections and reads requests, never answers: a registry stuck mid-registration.
    const server = createServer((socket) => {
      open.add(socket);
      socket.on('data', () => (requests += 1));
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const registry = createSchemaRegistry(
        `http://127.0.0.1:${port}/apis/ccompat/v7`,
        'test',
        300,
      );
      const schema = JSON.stringify({
        type: 'record',
        name: 'Stuck',
        namespace: 'test',
        fields: [],
      });
      const failure = await lookupOrRegisterSchema(registry, 'test.Stuck', schema, {
        retries: 2,
        initialMs: 10,
        maxMs: 10,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SchemaRegistryUnavailableError);
      expect(requests).toBeGreaterThanOrEqual(3);
      // Every timed-out request was aborted: no socket is left waiting for an answer.
      await waitFor(() => open.size === 0, { what: 'every connection closed by the client' });
    } finally {
      for (const socket of open) socket.destroy();
      server.close();
    }
  });
});
