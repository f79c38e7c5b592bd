/** Server version, read from `common.version` or `GET /web/version`. */
export interface OdooVersion {
  /** e.g. "17.0", "saas~18.2" */
  version: string;
  major: number;
  info: readonly unknown[];
}

/**
 * One ORM call. `params` are the method's own parameters in signature order: JSON-RPC sends
 * their values positionally after `ids`, JSON-2 sends them by name. `kwargs` go by name on both.
 * `args` are extra positional values, which only JSON-RPC can carry.
 */
export interface OdooCall {
  model: string;
  method: string;
  ids?: readonly number[];
  params?: ReadonlyArray<readonly [name: string, value: unknown]>;
  args?: readonly unknown[];
  kwargs?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export type OdooProtocol = 'jsonrpc' | 'json2';

/** One wire protocol. Implementations never retry: the caller owns the retry policy. */
export interface OdooTransport {
  readonly protocol: OdooProtocol;
  version(): Promise<OdooVersion>;
  /** The uid the credentials belong to; throws OdooError 'access_denied' if they are wrong. */
  authenticate(): Promise<number>;
  execute(call: OdooCall): Promise<unknown>;
}

/** Minimal structural logger (pino fits). */
export interface OdooLogger {
  debug(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

export interface TransportConfig {
  url: string;
  db: string;
  login: string;
  /** API key, or the password (JSON-RPC only). */
  secret: string;
  timeoutMs: number;
  logger?: OdooLogger;
}

export function baseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

export function majorOf(info: readonly unknown[], version: string): number {
  const first = info[0];
  if (typeof first === 'number') return first;
  const match = /(\d+)/.exec(typeof first === 'string' ? first : version);
  return match ? Number(match[1]) : 0;
}
