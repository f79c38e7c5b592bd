import { fromHttpStatus, fromOdooBody, isRecord } from './error-mapping';
import { OdooError } from './odoo-error';
import { parseJson, sendRequest } from './send-request';
import { baseUrl, majorOf } from './transport';
import type { OdooCall, OdooTransport, OdooVersion, TransportConfig } from './transport';

/**
 * Classic `POST /jsonrpc` (Odoo 16–19): `common.version`, `common.authenticate`,
 * `object.execute_kw`. The uid is resolved once and cached.
 */
export function createJsonRpcTransport(config: TransportConfig): OdooTransport {
  const endpoint = `${baseUrl(config.url)}/jsonrpc`;
  let nextId = 1;
  let uid: Promise<number> | undefined;

  async function rpc(service: string, method: string, args: unknown[]): Promise<unknown> {
    const id = nextId++;
    const body = { jsonrpc: '2.0', method: 'call', id, params: { service, method, args } };
    const answer = await sendRequest({
      method: 'POST',
      url: endpoint,
      body,
      timeoutMs: config.timeoutMs,
    });
    const envelope = parseJson(answer.text);
    if (answer.status !== 200 || !isRecord(envelope)) {
      throw fromHttpStatus(answer.status, answer.text);
    }
    if (envelope['id'] !== id) {
      throw new OdooError({
        name: 'o2c.ProtocolError',
        kind: 'transport',
        message: `JSON-RPC id mismatch: sent ${id}, got ${JSON.stringify(envelope['id'])}`,
      });
    }
    const error = envelope['error'];
    if (isRecord(error)) {
      const data = isRecord(error['data']) ? error['data'] : { message: error['message'] };
      throw fromOdooBody(data);
    }
    // Odoo omits `result` when the Python method returned None.
    return envelope['result'] ?? null;
  }

  async function login(): Promise<number> {
    const result = await rpc('common', 'authenticate', [
      config.db,
      config.login,
      config.secret,
      {},
    ]);
    if (typeof result !== 'number') {
      throw new OdooError({
        name: 'odoo.exceptions.AccessDenied',
        kind: 'access_denied',
        message: `Authentication failed for ${config.login}@${config.db}`,
      });
    }
    config.logger?.debug({ uid: result, db: config.db }, 'odoo authenticated');
    return result;
  }

  function authenticate(): Promise<number> {
    uid ??= login().catch((error: unknown) => {
      uid = undefined;
      throw error;
    });
    return uid;
  }

  async function version(): Promise<OdooVersion> {
    const result = await rpc('common', 'version', []);
    const info =
      isRecord(result) && Array.isArray(result['server_version_info'])
        ? result['server_version_info']
        : [];
    const name =
      isRecord(result) && typeof result['server_version'] === 'string'
        ? result['server_version']
        : '';
    return { version: name, major: majorOf(info, name), info };
  }

  async function execute(call: OdooCall): Promise<unknown> {
    const positional = [
      ...(call.ids ? [call.ids] : []),
      ...(call.params ?? []).map(([, value]) => value),
      ...(call.args ?? []),
    ];
    const kwargs = call.context ? { ...call.kwargs, context: call.context } : (call.kwargs ?? {});
    const user = await authenticate();
    const started = Date.now();
    try {
      return await rpc('object', 'execute_kw', [
        config.db,
        user,
        config.secret,
        call.model,
        call.method,
        positional,
        kwargs,
      ]);
    } catch (error) {
      if (error instanceof OdooError && error.kind === 'access_denied') uid = undefined;
      throw error;
    } finally {
      config.logger?.debug(
        { model: call.model, method: call.method, ms: Date.now() - started },
        'odoo jsonrpc call',
      );
    }
  }

  return { protocol: 'jsonrpc', version, authenticate, execute };
}
