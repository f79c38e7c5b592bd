import type { IncomingMessage, ServerResponse } from 'node:http';
import { TransportFault } from '../control/faults';
import { httpError, OdooError } from '../errors';
import type { SimCore } from '../sim-core';
import { userByApiKey } from '../users';
import {
  isJsonContentType,
  isObject,
  readBody,
  sendJson,
  sendNotFound,
  sendText,
} from './http-util';
import { toOdooError } from './to-odoo-error';

function sendError(
  res: ServerResponse,
  err: OdooError,
  headers: Record<string, string> = {},
): void {
  sendJson(res, err.httpStatus, err.toData(), headers);
}

function authenticate(req: IncomingMessage) {
  const header = req.headers.authorization ?? '';
  const match = /^bearer\s+(.+)$/i.exec(header);
  return match?.[1] ? userByApiKey(match[1].trim()) : undefined;
}

async function parseBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw httpError(
      'BadRequest',
      400,
      `could not parse the body as json: ${(err as Error).message}`,
    );
  }
  if (!isObject(parsed)) throw httpError('BadRequest', 400, 'the body must be a json object');
  return parsed;
}

/** POST /json/2/<model>/<method> (19+): bearer API key, named params, bare results, real statuses. */
export async function handleJson2(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (!core.profile.hasJson2) return sendNotFound(res);
  const [model, method, ...extra] = path.split('/').filter(Boolean);
  if (!model || !method || extra.length > 0 || req.method !== 'POST') {
    return sendError(
      res,
      httpError('NotFound', 404, 'Did you mean POST /json/2/<model>/<method>?'),
    );
  }
  const at = core.clock.now();
  const user = authenticate(req);
  if (!user)
    return sendError(res, httpError('Unauthorized', 401, 'Invalid apikey'), {
      'WWW-Authenticate': 'bearer',
    });
  const log = {
    at,
    transport: 'json2' as const,
    service: 'object',
    method: 'json2',
    model,
    modelMethod: method,
    uid: user.uid,
  };
  try {
    if (!isJsonContentType(req))
      throw httpError(
        'BadRequest',
        400,
        'the request must be sent with the application/json Content-Type',
      );
    const body = await parseBody(req);
    if (!core.registry.has(model))
      throw httpError('NotFound', 404, `the model '${model}' does not exist`);
    const m = core.resolveMethod(model, method);
    const { ids, context, ...params } = body;
    const hasIds = Array.isArray(ids) ? ids.length > 0 : Boolean(ids);
    if (m.model && hasIds)
      throw httpError('UnprocessableEntity', 422, `cannot call ${model}.${method} with ids`);
    let result = await core.execute({
      user,
      model,
      method,
      json2: { ids, params },
      context: isObject(context) ? context : {},
    });
    if (method === 'create' && typeof result === 'number') result = [result];
    core.calls.record({ ...log, outcome: 'ok' });
    sendJson(res, 200, result ?? null);
  } catch (err) {
    if (err instanceof TransportFault) {
      core.calls.record({ ...log, outcome: 'fault', error: err.kind });
      if (err.kind === 'timeout_after_commit')
        return err.hang ? undefined : void req.socket.destroy();
      return sendText(
        res,
        500,
        '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>',
        'text/html',
      );
    }
    let odooError = toOdooError(err, core);
    if (odooError.code === 'builtins.AttributeError')
      odooError = httpError('NotFound', 404, odooError.message);
    if (odooError.code === 'builtins.TypeError')
      odooError = new OdooError(
        'werkzeug.exceptions.UnprocessableEntity',
        odooError.message,
        [odooError.message, 422],
        422,
      );
    core.calls.record({ ...log, outcome: 'error', error: odooError.code });
    sendError(res, odooError);
  }
}
