import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned HTTP answer, as transcribed in test/fixtures/*.json. */
export interface Canned {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Keep the fixture's JSON-RPC id instead of echoing the request's. */
  keepId?: boolean;
  /** Never answer (to provoke a client timeout). */
  hang?: boolean;
  /** Drop the connection once the request is read, as a crash after commit would. */
  drop?: boolean;
  /** Send the status and part of the body, then nothing more. */
  stall?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FixtureServer {
  url: string;
  requests: SeenRequest[];
  /** Connections accepted so far. */
  connections(): number;
  /** Answers `key` with `canned`: `rpc:<service>.<method>` for /jsonrpc, else `<VERB> <path>`. */
  on(key: string, canned: Canned): void;
  reset(): void;
  close(): Promise<void>;
}

/** Serves fixture envelopes verbatim, recording what the client sent. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Canned>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const key = path === '/jsonrpc' ? rpcKey(body) : `${req.method} ${path}`;
      const canned = routes.get(key) ?? { status: 599, text: `no fixture for ${key}` };
      if (canned.drop) req.socket.destroy();
      else if (canned.stall) res.writeHead(200, { 'Content-Type': 'application/json' }).write('{');
      else if (!canned.hang) answer(res, canned, body);
    });
  });
  let accepted = 0;
  server.on('connection', () => (accepted += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => accepted,
    on: (key, canned) => routes.set(key, canned),
    reset: () => {
      routes.clear();
      requests.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function rpcKey(body: unknown): string {
  const params = (body as { params?: { service?: string; method?: string } }).params;
  return `rpc:${params?.service}.${params?.method}`;
}

function answer(res: ServerResponse, canned: Canned, request: unknown): void {
  let payload = canned.text ?? '';
  if (canned.json !== undefined) {
    const json = canned.json as Record<string, unknown>;
    const echo = !canned.keepId && typeof json === 'object' && json !== null && 'jsonrpc' in json;
    const id = (request as { id?: unknown } | undefined)?.id;
    payload = JSON.stringify(echo ? { ...json, id } : json);
  }
  const type = canned.json !== undefined ? 'application/json' : 'text/plain';
  res.writeHead(canned.status ?? 200, { 'Content-Type': type, ...canned.headers });
  res.end(payload);
}
