import type { IncomingMessage, ServerResponse } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * werkzeug's BadRequest: an HTML page on 17 (observed); the simulator keeps the plain text it
 * answered on the other versions.
 */
export function badRequest(
  core: { profile: { htmlBadRequest: boolean } },
  res: ServerResponse,
  description: string,
  status = 400,
): void {
  if (!core.profile.htmlBadRequest || status !== 400) return sendText(res, status, description);
  sendText(
    res,
    400,
    `<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>${description.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#39;')}</p>\n`,
    'text/html; charset=utf-8',
  );
}

/** werkzeug's NotFound page, what Odoo answers for routes it does not have. */
export function sendNotFound(res: ServerResponse): void {
  sendText(
    res,
    404,
    '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    'text/html; charset=utf-8',
  );
}

export function isJsonContentType(req: IncomingMessage, extra: string[] = []): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || extra.includes(type);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
