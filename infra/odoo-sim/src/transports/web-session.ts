import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OdooError, accessDenied } from '../errors';
import type { SimCore } from '../sim-core';
import { USERS, type SimUser } from '../users';
import { versionInfo } from './common-service';
import { badRequest, isJsonContentType, isObject, readBody, sendJson } from './http-util';
import { toOdooError } from './to-odoo-error';

/** Web-client sessions by session_id cookie (what /web/session/authenticate hands out). */
const sessions = new WeakMap<SimCore, Map<string, SimUser>>();
const sessionsOf = (core: SimCore) => {
  let found = sessions.get(core);
  if (!found) sessions.set(core, (found = new Map<string, SimUser>()));
  return found;
};

const sessionExpired = () =>
  new OdooError('odoo.http.SessionExpiredException', 'Session expired', ['Session expired'], 401);

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name) return v;
  }
  return undefined;
}

function authenticate(core: SimCore, params: Record<string, unknown>, res: ServerResponse) {
  if (params.db !== core.db)
    throw new OdooError(
      'psycopg2.OperationalError',
      `connection to server failed: FATAL:  database "${String(params.db)}" does not exist\n`,
    );
  // An interactive login takes the password, not an API key.
  const user = USERS.find((u) => u.login === params.login && u.password === params.password);
  if (!user) throw accessDenied();
  const sid = randomUUID().replaceAll('-', '');
  sessionsOf(core).set(sid, user);
  res.setHeader('Set-Cookie', `session_id=${sid}; HttpOnly; Path=/; SameSite=Lax`);
  const info = versionInfo(core);
  return {
    uid: user.uid,
    is_system: !user.readonly,
    is_admin: !user.readonly,
    user_context: { lang: 'en_US', tz: 'UTC', uid: user.uid },
    db: core.db,
    server_version: info.server_version,
    server_version_info: info.server_version_info,
    name: user.login,
    username: user.login,
    partner_id: user.uid === 2 ? 3 : false,
    company_id: 1,
  };
}

async function callKw(core: SimCore, params: Record<string, unknown>, req: IncomingMessage) {
  const user = sessionsOf(core).get(cookie(req, 'session_id') ?? '');
  if (!user) throw sessionExpired();
  const kwargs = isObject(params.kwargs) ? { ...params.kwargs } : {};
  const context = isObject(kwargs.context) ? kwargs.context : {};
  delete kwargs.context;
  return core.execute({
    user,
    model: String(params.model),
    method: String(params.method),
    args: Array.isArray(params.args) ? params.args : [],
    kwargs,
    context,
  });
}

/**
 * The web client's JSON routes that RPC libraries such as odoorpc use: version_info (called
 * first), session authenticate (password login, session cookie) and dataset call_kw.
 */
export async function handleWebJson(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (!isJsonContentType(req))
    return badRequest(
      core,
      res,
      "Request inferred type is compatible with ['http'] but '" + path + "' is type='json'",
    );
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return badRequest(core, res, 'Invalid JSON data');
  }
  if (!isObject(body)) return badRequest(core, res, 'Invalid JSON-RPC data');
  const params = isObject(body.params) ? body.params : {};
  const id = body.id ?? null;
  try {
    const result =
      path === '/web/webclient/version_info'
        ? versionInfo(core)
        : path === '/web/session/authenticate'
          ? authenticate(core, params, res)
          : await callKw(core, params, req);
    sendJson(res, 200, { jsonrpc: '2.0', id, ...(result == null ? {} : { result }) });
  } catch (err) {
    const error = toOdooError(err, core);
    const expired = error.code === 'odoo.http.SessionExpiredException';
    sendJson(res, 200, {
      jsonrpc: '2.0',
      id,
      error: {
        code: expired ? 100 : core.profile.errorCode,
        message: expired ? 'Odoo Session Expired' : 'Odoo Server Error',
        data: error.toData(),
      },
    });
  }
}

export const isWebJsonRoute = (path: string) =>
  path === '/web/webclient/version_info' ||
  path === '/web/session/authenticate' ||
  path === '/web/dataset/call_kw' ||
  path.startsWith('/web/dataset/call_kw/');
