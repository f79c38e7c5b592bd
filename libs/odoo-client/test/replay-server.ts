import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { WireExchange } from '@o2c/testing';

export interface ReplayServer {
  url: string;
  /** The exchange whose request is expected next; its recorded answer is served. */
  expect(exchange: WireExchange): void;
  /** Requests that matched no recorded exchange, as JSON text. */
  readonly unexpected: string[];
  close(): Promise<void>;
}

type Params = { service?: string; method?: string; args?: unknown[] };

/**
 * A real HTTP server that answers POST /jsonrpc with recorded answers (the request's id echoed,
 * as Odoo does), but only to a request equal to the recorded one. `common.authenticate` is
 * answered from the recorded authentication exchanges with the same arguments; for any other
 * key it answers the uid the expected `execute_kw` carries (the demo user's and a wrong key's
 * login are not recorded: the client always authenticates before its first call).
 */
export async function startReplayServer(recorded: readonly WireExchange[]): Promise<ReplayServer> {
  const logins = recorded.filter((e) => e.request?.method === 'authenticate');
  let current: WireExchange | undefined;
  const unexpected: string[] = [];

  function answerFor(params: Params): { status: number; body?: unknown } | undefined {
    if (current?.request && isDeepStrictEqual(params, current.request)) return current.response;
    if (params.service !== 'common' || params.method !== 'authenticate') return undefined;
    const login = logins.find((e) => isDeepStrictEqual(e.request, params));
    if (login && current?.request?.method !== 'execute_kw') return login.response;
    const uid = current?.request?.args[1];
    return typeof uid === 'number'
      ? { status: 200, body: { jsonrpc: '2.0', result: uid } }
      : undefined;
  }

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const envelope = JSON.parse(raw) as { id?: unknown; params?: Params };
      const answer = req.url === '/jsonrpc' ? answerFor(envelope.params ?? {}) : undefined;
      if (!answer) {
        unexpected.push(raw);
        res.writeHead(599, { 'Content-Type': 'text/plain' }).end('no recorded exchange');
        return;
      }
      const body = { ...(answer.body as object), id: envelope.id };
      // As the recorded Odoo 17 did: every answer closes its connection.
      res.writeHead(answer.status, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    expect: (exchange) => {
      current = exchange;
    },
    unexpected,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
