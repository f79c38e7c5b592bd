import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook as the receiving endpoint saw it. */
export interface Received {
  /** The request's path and query: tell subscriptions apart by their URL. */
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** What the endpoint does with a request: answer with a status, hang, or drop the connection. */
export type Behaviour = number | 'hang' | 'close';

/**
 * A real HTTP endpoint for the dispatcher to call. `respond` decides per request (in arrival
 * order); every request is recorded, whatever the answer.
 */
export async function startReceiver(respond: (r: Received, n: number) => Behaviour = () => 200) {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  let decide = respond;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        path: req.url ?? '',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.join(',') : (v ?? ''),
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(r);
      const behaviour = decide(r, received.length);
      if (behaviour === 'hang') hanging.add(res);
      else if (behaviour === 'close') req.socket.destroy();
      else res.writeHead(behaviour).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Changes how later requests are answered. */
    behave(next: (r: Received, n: number) => Behaviour) {
      decide = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
