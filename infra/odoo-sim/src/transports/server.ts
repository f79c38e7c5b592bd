import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { traceRequest } from '@o2c/observability';
import { handleControl } from '../control/routes';
import type { SimCore } from '../sim-core';
import { sendJson, sendNotFound, sendText } from './http-util';
import { handleJson2 } from './json2';
import { handleJsonRpc } from './jsonrpc';
import { handleWebJson, isWebJsonRoute } from './web-session';

async function route(core: SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://odoo-sim');
  if (url.pathname.startsWith('/__sim/')) return handleControl(core, req, res, url);
  const down = core.faults.isDown();
  if (down) {
    if (down.mode === 'reset') return void req.socket.destroy();
    return sendText(res, 503, 'Service Unavailable');
  }
  const v = core.profile.version;
  if (url.pathname === '/jsonrpc' && req.method === 'POST') return handleJsonRpc(core, req, res);
  if (isWebJsonRoute(url.pathname) && req.method === 'POST')
    return handleWebJson(core, req, res, url.pathname);
  if (url.pathname.startsWith('/json/2'))
    return handleJson2(core, req, res, url.pathname.slice('/json/2'.length));
  const versionRoute =
    url.pathname === '/web/version'
      ? core.profile.hasWebVersion
      : url.pathname === '/json/version' && core.profile.hasJson2;
  if (versionRoute && req.method === 'GET')
    return sendJson(res, 200, { version_info: [v, 0, 0, 'final', 0, ''], version: `${v}.0` });
  sendNotFound(res);
}

export function createSimServer(core: SimCore): Server {
  return createServer((req, res) => {
    // Odoo 17's werkzeug server (threaded and prefork alike) closes the connection after every
    // answer: a client talking to it directly opens one connection per call.
    res.setHeader('Connection', 'close');
    const handle = () =>
      route(core, req, res).catch((err: unknown) => {
        core.log.error({ err }, 'request failed');
        if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      });
    if (req.url?.startsWith('/__sim/')) return void handle();
    void traceRequest(req, res, handle);
  });
}
