import { createOdooSim, type OdooSim, type OdooSimOptions } from '../src/create-odoo-sim';
import type { OdooVersion } from '../src/version';

export interface RpcReply {
  status: number;
  body: Record<string, unknown>;
}

export class RpcFailure extends Error {
  constructor(readonly data: { name: string; message: string; arguments: unknown[] }) {
    super(`${data.name}: ${data.message}`);
  }
}

/** A tiny client over real HTTP (fetch), like the adapter's transports. */
export class SimClient {
  private id = 0;
  constructor(readonly url: string) {}

  async rpc(params: unknown): Promise<RpcReply> {
    const res = await fetch(`${this.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: ++this.id, params }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async executeRaw(
    model: string,
    method: string,
    args: unknown[] = [],
    kwargs: Record<string, unknown> = {},
    uid = 2,
    key = 'o2c-admin-key',
  ) {
    return this.rpc({
      service: 'object',
      method: 'execute_kw',
      args: ['o2c', uid, key, model, method, args, kwargs],
    });
  }

  async call<T = unknown>(
    model: string,
    method: string,
    args: unknown[] = [],
    kwargs: Record<string, unknown> = {},
    uid = 2,
    key = 'o2c-admin-key',
  ): Promise<T> {
    const { body } = await this.executeRaw(model, method, args, kwargs, uid, key);
    const error = body.error as { data: RpcFailure['data'] } | undefined;
    if (error) throw new RpcFailure(error.data);
    return body.result as T;
  }

  async failure(
    model: string,
    method: string,
    args: unknown[] = [],
    kwargs: Record<string, unknown> = {},
    uid = 2,
    key = 'o2c-admin-key',
  ) {
    const { body } = await this.executeRaw(model, method, args, kwargs, uid, key);
    return (body.error as { data: RpcFailure['data'] } | undefined)?.data;
  }

  async json2(model: string, method: string, body: unknown, key = 'o2c-admin-key') {
    const res = await fetch(`${this.url}/json/2/${model}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `bearer ${key}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // non-JSON answers (404 pages) stay text
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  }

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__sim/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

export async function startSim(
  version: OdooVersion = 17,
  modules?: readonly string[],
  options: Pick<OdooSimOptions, 'saleTaxPercent'> = {},
): Promise<{ sim: OdooSim; client: SimClient }> {
  const sim = createOdooSim({ version, port: 0, ...(modules ? { modules } : {}), ...options });
  const url = await sim.start();
  return { sim, client: new SimClient(url) };
}
