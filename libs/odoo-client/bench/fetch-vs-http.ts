#!/usr/bin/env tsx
/**
 * `npx tsx libs/odoo-client/bench/fetch-vs-http.ts`: CPU per JSON-RPC call through fetch (what
 * sendRequest used) and through node:http with a keep-alive agent (what it uses), against a local server in the
 * same process, alternating. Prints microseconds of CPU (both ends) and of wall time per call.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const CALLS = 3000;
const ANSWER = JSON.stringify({ jsonrpc: '2.0', id: 1, result: [{ id: 1, quantity: 10 }] });
const BODY = JSON.stringify({
  jsonrpc: '2.0',
  method: 'call',
  id: 1,
  params: {
    service: 'object',
    method: 'execute_kw',
    args: ['odoo', 2, 'key', 'stock.quant', 'search_read', [[['product_id', 'in', [1, 2]]]]],
  },
});

async function main() {
  const server = createServer((req, res) => {
    req.resume().on('end', () => res.setHeader('content-type', 'application/json').end(ANSWER));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jsonrpc`;
  const agent = new Agent({ keepAlive: true });
  const headers = { 'content-type': 'application/json' };

  const viaFetch = async () => {
    const res = await fetch(url, { method: 'POST', headers, body: BODY });
    await res.text();
  };
  const viaHttp = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers }, (res) =>
        res.resume().on('end', resolve),
      );
      req.on('error', reject).end(BODY);
    });

  for (const [name, call] of [
    ['fetch', viaFetch],
    ['node:http', viaHttp],
    ['fetch', viaFetch],
    ['node:http', viaHttp],
  ] as const) {
    for (let i = 0; i < CALLS / 10; i++) await call();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await call();
    const used = process.cpuUsage(cpu);
    const wall = ((performance.now() - started) * 1000) / CALLS;
    const perCall = (used.user + used.system) / CALLS;
    console.log(`${name}: ${perCall.toFixed(0)} µs of CPU, ${wall.toFixed(0)} µs wall per call`);
  }
  agent.destroy();
  server.close();
}

void main();
