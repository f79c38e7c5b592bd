import { fromHttpStatus, fromOdooBody, isRecord } from './error-mapping';
import { OdooError } from './odoo-error';
import { parseJson, sendRequest } from './send-request';
import { baseUrl, majorOf } from './transport';
import type { OdooCall, OdooTransport, OdooVersion, TransportConfig } from './transport';

/** Odoo 19+ `POST /json/2/<model>/<method>` with a bearer API key and named parameters only. */
export function createJson2Transport(config: TransportConfig): OdooTransport {
  const root = baseUrl(config.url);
  const headers = {
    Authorization: `bearer ${config.secret}`,
    'X-Odoo-Database': config.db,
  };

  async function execute(call: OdooCall): Promise<unknown> {
    if (call.args && call.args.length > 0) {
      throw new OdooError({
        name: 'o2c.PositionalArguments',
        kind: 'value',
        message: `JSON-2 takes named parameters only: pass kwargs to ${call.model}.${call.method}`,
      });
    }
    const body: Record<string, unknown> = {
      ...Object.fromEntries(call.params ?? []),
      ...call.kwargs,
    };
    if (call.ids) body['ids'] = call.ids;
    if (call.context) body['context'] = call.context;
    const path = `/json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`;
    const started = Date.now();
    const answer = await sendRequest({
      method: 'POST',
      url: root + path,
      headers,
      body,
      timeoutMs: config.timeoutMs,
    });
    config.logger?.debug(
      { model: call.model, method: call.method, status: answer.status, ms: Date.now() - started },
      'odoo json2 call',
    );
    const parsed = parseJson(answer.text);
    if (answer.status === 200) return parsed ?? null;
    throw isRecord(parsed) && typeof parsed['name'] === 'string'
      ? fromOdooBody(parsed, answer.status)
      : fromHttpStatus(answer.status, answer.text);
  }

  async function authenticate(): Promise<number> {
    const context = await execute({ model: 'res.users', method: 'context_get' });
    const uid = isRecord(context) ? context['uid'] : undefined;
    if (typeof uid !== 'number') {
      throw new OdooError({
        name: 'o2c.ProtocolError',
        kind: 'unknown',
        message: 'res.users/context_get returned no uid',
      });
    }
    return uid;
  }

  return {
    protocol: 'json2',
    version: () => webVersion(root, config.timeoutMs),
    authenticate,
    execute,
  };
}

/** `GET /web/version` → `{version_info, version}`; answers on 19, not reliably before. */
export async function webVersion(root: string, timeoutMs: number): Promise<OdooVersion> {
  const answer = await sendRequest({ method: 'GET', url: `${root}/web/version`, timeoutMs });
  const parsed = parseJson(answer.text);
  if (answer.status !== 200 || !isRecord(parsed) || !Array.isArray(parsed['version_info'])) {
    throw fromHttpStatus(answer.status, answer.text);
  }
  const version = typeof parsed['version'] === 'string' ? parsed['version'] : '';
  const info = parsed['version_info'] as unknown[];
  return { version, major: majorOf(info, version), info };
}
