import type { IncomingMessage, ServerResponse } from 'node:http';
import { TransportFault } from '../control/faults';
import { accessDenied, httpError, OdooError } from '../errors';
import type { SimCore } from '../sim-core';
import { userById } from '../users';
import { commonService, dbService } from './common-service';
import {
  badRequest,
  isJsonContentType,
  isObject,
  readBody,
  sendJson,
  sendNotFound,
  sendText,
} from './http-util';
import { toOdooError } from './to-odoo-error';

/** The post-19 gate: `object` and `common.login/authenticate` raise werkzeug NotFound (code 404). */
class GatedRpc extends Error {
  readonly odoo = httpError(
    'NotFound',
    404,
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  );
}

interface Outcome {
  model?: string;
  modelMethod?: string;
  uid?: number;
}

async function objectService(
  core: SimCore,
  method: string,
  args: unknown[],
  out: Outcome,
): Promise<unknown> {
  if (method !== 'execute_kw' && method !== 'execute') {
    throw new OdooError('builtins.NameError', `Method not available ${method}`);
  }
  const [db, uid, password, model, modelMethod, ...rest] = args;
  out.model = String(model);
  out.modelMethod = String(modelMethod);
  if (db !== core.db)
    throw new OdooError(
      'psycopg2.OperationalError',
      `connection to server failed: FATAL:  database "${String(db)}" does not exist\n`,
    );
  const user = userById(uid, password);
  if (!user) throw accessDenied();
  out.uid = user.uid;
  let positional: unknown[] = rest;
  let kwargs: Record<string, unknown> = {};
  if (method === 'execute_kw') {
    positional = Array.isArray(rest[0]) ? rest[0] : [];
    kwargs = isObject(rest[1]) ? { ...rest[1] } : {};
  }
  const context = isObject(kwargs.context) ? kwargs.context : {};
  delete kwargs.context;
  return core.execute({
    user,
    model: String(model),
    method: String(modelMethod),
    args: positional,
    kwargs,
    context,
  });
}

/** POST /jsonrpc: routing by params.service/method; HTTP 200 for every application error. */
export async function handleJsonRpc(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!core.rpcEnabled && core.rpcDisabledMode === 'removed') return sendNotFound(res);
  if (!isJsonContentType(req, ['application/json-rpc'])) {
    return badRequest(
      core,
      res,
      "Request inferred type is compatible with ['http'] but '/jsonrpc' is type='json'",
      core.profile.wrongContentTypeStatus,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return badRequest(core, res, 'Invalid JSON data');
  }
  if (!isObject(body) || (body.params !== undefined && !isObject(body.params)))
    return badRequest(core, res, 'Invalid JSON-RPC data');
  const params = isObject(body.params) ? body.params : {};
  const service = String(params.service);
  const method = String(params.method);
  const args = Array.isArray(params.args) ? params.args : [];
  const out: Outcome = {};
  const at = core.clock.now();
  try {
    if (!core.rpcEnabled && (service === 'object' || ['login', 'authenticate'].includes(method))) {
      throw new GatedRpc();
    }
    const result =
      service === 'common'
        ? commonService(core, method, args)
        : service === 'object'
          ? await objectService(core, method, args, out)
          : service === 'db'
            ? dbService(core, method)
            : (() => {
                throw new OdooError('builtins.KeyError', `'${service}'`);
              })();
    core.calls.record({ at, transport: 'jsonrpc', service, method, ...out, outcome: 'ok' });
    sendJson(res, 200, {
      jsonrpc: '2.0',
      id: body.id ?? null,
      ...(result === undefined || result === null ? {} : { result }),
    });
  } catch (err) {
    if (err instanceof TransportFault) {
      core.calls.record({
        at,
        transport: 'jsonrpc',
        service,
        method,
        ...out,
        outcome: 'fault',
        error: err.kind,
      });
      if (err.kind === 'timeout_after_commit')
        return err.hang ? undefined : void req.socket.destroy();
      return sendText(
        res,
        500,
        '<html><head><title>500 Internal Server Error</title></head><body><h1>500 Internal Server Error</h1></body></html>',
        'text/html',
      );
    }
    if (err instanceof GatedRpc) {
      core.calls.record({
        at,
        transport: 'jsonrpc',
        service,
        method,
        outcome: 'error',
        error: 'werkzeug.exceptions.NotFound',
      });
      return sendJson(res, 200, {
        jsonrpc: '2.0',
        id: body.id ?? null,
        error: { code: 404, message: '404: Not Found', data: err.odoo.toData() },
      });
    }
    const odooError = toOdooError(err, core);
    core.calls.record({
      at,
      transport: 'jsonrpc',
      service,
      method,
      ...out,
      outcome: 'error',
      error: odooError.code,
    });
    sendJson(res, 200, {
      jsonrpc: '2.0',
      id: body.id ?? null,
      error: {
        code: core.profile.errorCode,
        message: 'Odoo Server Error',
        data: odooError.toData(),
      },
    });
  }
}
