import {
  bindFrom,
  compareShapes,
  normaliseBody,
  parseWire,
  renderTemplate,
  wireShape,
  type ShapeDifference,
  type WireExchange,
  type WireFixture,
} from '@o2c/testing';

/** What the simulator answered differently from the real Odoo, per exchange name. */
export type Differences = Record<string, ShapeDifference[]>;

async function post(url: string, path: string, contentType: string, body: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
  return {
    status: res.status,
    contentType: (res.headers.get('content-type') ?? '').split(';')[0] ?? '',
    text: await res.text(),
  };
}

/** The comparable shape of a raw HTTP answer: status and content type (its text is not compared). */
function httpShape(status: number, contentType: string) {
  return { status: `number:${status}`, contentType: `string:${contentType}` };
}

async function replayOne(url: string, exchange: WireExchange, bindings: Map<string, unknown>) {
  const recorded = exchange.response;
  if (exchange.http) {
    const { path, contentType, body } = exchange.http;
    const answer = await post(url, path, contentType, body);
    if (!recorded.text) {
      const expected = { status: `number:${recorded.status}`, ...wireShape(recorded.body) };
      const json = answer.contentType.includes('json') ? parseWire(answer.text).body : answer.text;
      return compareShapes(expected, {
        status: `number:${answer.status}`,
        ...wireShape(normaliseBody(json, bindings)),
      });
    }
    return compareShapes(
      httpShape(recorded.status, recorded.text.contentType),
      httpShape(answer.status, answer.contentType),
    );
  }
  const params = renderTemplate(exchange.request, bindings);
  const envelope = JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params });
  const answer = await post(url, '/jsonrpc', 'application/json', envelope);
  const { body, floats } = answer.contentType.includes('json')
    ? parseWire(answer.text)
    : { body: answer.text, floats: [] };
  const unbound = bindFrom(exchange, body, bindings).map((b) => ({
    path: `bind ${b}`,
    expected: 'bound',
    got: 'absent',
  }));
  const method = exchange.request?.args[4];
  const countResult = exchange.request?.method === 'execute_kw';
  const idResult = countResult && (method === 'create' || method === 'search');
  const expected = {
    status: `number:${recorded.status}`,
    ...wireShape(recorded.body, recorded.floats, { countResult }),
  };
  const got = {
    status: `number:${answer.status}`,
    ...wireShape(normaliseBody(body, bindings, { idResult }), floats, { countResult }),
  };
  return [...unbound, ...compareShapes(expected, got)];
}

/**
 * Sends a recorded fixture's requests, in order, to a simulator, binding `$tokens` from its own
 * answers, and compares each answer's shape with the recorded one.
 */
export async function replayAgainst(
  url: string,
  fixture: WireFixture,
  given: Record<string, unknown>,
): Promise<Differences> {
  const bindings = new Map<string, unknown>(Object.entries(given));
  const differences: Differences = {};
  for (const exchange of fixture.exchanges) {
    const found = await replayOne(url, exchange, bindings);
    if (found.length > 0) differences[exchange.name] = found;
  }
  return differences;
}
