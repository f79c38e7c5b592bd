/**
 * A recorded conversation with a real Odoo over JSON-RPC, stored as JSON next to the tests that
 * replay it. Requests are templates: a string `"$name"` stands for a value bound earlier in the
 * same fixture (the database, an API key, an id a previous answer returned). Responses are
 * normalised with `normaliseBody` (see there for the rule), so two runs of the recorder and a
 * replay against another server can be compared on shapes and stable values.
 */
export interface WireFixture {
  _about: string;
  _normalisation: string;
  recordedFrom: {
    server_version: string;
    server_version_info: unknown[];
    /** Names of the installed modules the adapter's flows touch, sorted. */
    modules: string[];
    recordedAt: string;
  };
  exchanges: WireExchange[];
}

export interface WireExchange {
  /** Unique within the fixture; known-difference lists refer to it. */
  name: string;
  note?: string;
  /** A JSON-RPC `params` object ({service, method, args}) sent to POST /jsonrpc. */
  request?: { service: string; method: string; args: unknown[] };
  /** A raw HTTP call instead (for non-JSON-RPC behaviour such as a wrong Content-Type). */
  http?: { path: string; contentType: string; body: string };
  /** token → dotted path into the response body whose value later requests refer to as `$token`. */
  bind?: Record<string, string>;
  response: {
    status: number;
    /** JSON body without the echoed `id`, normalised. */
    body?: unknown;
    /** Non-JSON body: its content type and first characters. */
    text?: { contentType: string; start: string };
    /** Paths whose number was sent as a float literal with an integral value (e.g. `5.0`). */
    floats?: string[];
  };
}

/** The value at a dotted path (`result.0.id`), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Replaces every `"$token"` string by its bound value (unbound tokens are left as they are). */
export function renderTemplate(template: unknown, bindings: ReadonlyMap<string, unknown>): unknown {
  if (typeof template === 'string' && template.startsWith('$')) {
    const token = template.slice(1);
    return bindings.has(token) ? bindings.get(token) : template;
  }
  if (Array.isArray(template)) return template.map((v) => renderTemplate(v, bindings));
  if (template !== null && typeof template === 'object')
    return Object.fromEntries(
      Object.entries(template).map(([k, v]) => [k, renderTemplate(v, bindings)]),
    );
  return template;
}

/** Binds the exchange's tokens from a (raw, not normalised) response body. */
export function bindFrom(
  exchange: WireExchange,
  body: unknown,
  bindings: Map<string, unknown>,
): string[] {
  const missing: string[] = [];
  for (const [token, path] of Object.entries(exchange.bind ?? {})) {
    const value = valueAt(body, path);
    if (value === undefined) missing.push(`${token} ← ${path}`);
    else bindings.set(token, value);
  }
  return missing;
}
