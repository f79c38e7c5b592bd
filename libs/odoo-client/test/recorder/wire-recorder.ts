import {
  bindFrom,
  normaliseBody,
  parseWire,
  renderTemplate,
  type WireExchange,
} from '@o2c/testing';

type Template = WireExchange['request'] & object;

export interface RecordOptions {
  bind?: Record<string, string>;
  note?: string;
}

/**
 * Sends JSON-RPC calls to a real Odoo and keeps each exchange, normalised, for a fixture.
 * Requests are templates whose `"$token"` strings are replaced by bound values before sending.
 */
export class WireRecorder {
  readonly bindings = new Map<string, unknown>();
  readonly exchanges: WireExchange[] = [];
  private nextId = 1;

  constructor(private readonly url: string) {}

  /** One recorded JSON-RPC call; returns the raw (not normalised) answer body. */
  async rpc(name: string, request: Template, options: RecordOptions = {}): Promise<unknown> {
    if (this.exchanges.some((e) => e.name === name)) throw new Error(`duplicate exchange ${name}`);
    const { status, text } = await this.post(
      '/jsonrpc',
      'application/json',
      this.envelope(request),
    );
    const { body, floats } = parseWire(text);
    const exchange: WireExchange = { name, ...options, request, response: { status } };
    const missing = bindFrom(exchange, body, this.bindings);
    if (missing.length > 0)
      throw new Error(`${name}: nothing to bind at ${missing.join(', ')}: ${text.slice(0, 500)}`);
    const method = request.args[4];
    const idResult =
      request.method === 'execute_kw' && (method === 'create' || method === 'search');
    exchange.response.body = normaliseBody(body, this.bindings, { idResult });
    if (floats.length > 0) exchange.response.floats = floats;
    this.exchanges.push(exchange);
    return body;
  }

  /** One recorded raw HTTP POST (for answers that are not JSON-RPC). */
  async http(name: string, path: string, contentType: string, body: string, note?: string) {
    const answer = await this.post(path, contentType, body);
    const json = answer.contentType.includes('json');
    this.exchanges.push({
      name,
      ...(note ? { note } : {}),
      http: { path, contentType, body },
      response: json
        ? { status: answer.status, body: normaliseBody(parseWire(answer.text).body, this.bindings) }
        : {
            status: answer.status,
            text: { contentType: answer.contentType, start: answer.text.slice(0, 120) },
          },
    });
  }

  /** An unrecorded call (to learn about the server, e.g. its modules). */
  async peek(request: Template): Promise<unknown> {
    const { text } = await this.post('/jsonrpc', 'application/json', this.envelope(request));
    const body = JSON.parse(text) as { result?: unknown; error?: unknown };
    if (body.error) throw new Error(`peek failed: ${text.slice(0, 500)}`);
    return body.result;
  }

  private envelope(request: Template): string {
    const params = renderTemplate(request, this.bindings);
    return JSON.stringify({ jsonrpc: '2.0', method: 'call', id: this.nextId++, params });
  }

  private async post(path: string, contentType: string, body: string) {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
      signal: AbortSignal.timeout(120_000),
    });
    return {
      status: response.status,
      contentType: (response.headers.get('content-type') ?? '').split(';')[0] ?? '',
      text: await response.text(),
    };
  }
}
