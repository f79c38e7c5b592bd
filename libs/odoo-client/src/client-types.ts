import type { OdooLogger, OdooProtocol, OdooVersion } from './transport';

/** A search domain in prefix notation, e.g. `[['state', '=', 'sale']]` or `['|', a, b]`. */
export type Domain = readonly unknown[];
export type OdooContext = Record<string, unknown>;
export type Vals = Record<string, unknown>;
export interface OdooRecord {
  id: number;
  [field: string]: unknown;
}

export type OdooClientConfig = {
  /** Base URL of the Odoo server, e.g. `https://erp.example.com`. */
  url: string;
  db: string;
  login: string;
  /** 'auto' reads the server version and picks JSON-2 on 19+. */
  transport: OdooProtocol | 'auto';
  /** Per HTTP request; default 30 s. */
  timeoutMs?: number;
  logger?: OdooLogger;
} & ({ apiKey: string; password?: never } | { password: string; apiKey?: never });

export interface CallOptions {
  ids?: readonly number[];
  /** Positional arguments after the ids: JSON-RPC only. Prefer `kwargs`, which both protocols take. */
  args?: readonly unknown[];
  kwargs?: Record<string, unknown>;
  context?: OdooContext;
}

export interface SearchOptions {
  offset?: number;
  limit?: number;
  /** SQL-like, e.g. `'write_date asc, id asc'`. */
  order?: string;
  context?: OdooContext;
}

export interface SearchReadOptions extends SearchOptions {
  fields?: readonly string[];
}

export interface NameSearchOptions {
  domain?: Domain;
  operator?: string;
  limit?: number;
  context?: OdooContext;
}

/** Odoo's external API with the same behaviour over JSON-RPC and JSON-2. No call is retried. */
export interface OdooClient {
  /** The protocol in use (after detection, for 'auto'). */
  protocol(): Promise<OdooProtocol>;
  version(): Promise<OdooVersion>;
  /** The uid of the configured credentials; OdooError 'access_denied' if they are wrong. */
  authenticate(): Promise<number>;
  call<T = unknown>(model: string, method: string, options?: CallOptions): Promise<T>;
  searchRead<T extends OdooRecord = OdooRecord>(
    model: string,
    domain: Domain,
    options?: SearchReadOptions,
  ): Promise<T[]>;
  /** Ids that no longer exist are silently left out. */
  read<T extends OdooRecord = OdooRecord>(
    model: string,
    ids: readonly number[],
    fields?: readonly string[],
    options?: { context?: OdooContext },
  ): Promise<T[]>;
  search(model: string, domain: Domain, options?: SearchOptions): Promise<number[]>;
  searchCount(model: string, domain: Domain, options?: { context?: OdooContext }): Promise<number>;
  /** A dict gives its id; a list gives the list of ids, on both protocols. */
  create(model: string, vals: Vals, options?: { context?: OdooContext }): Promise<number>;
  create(
    model: string,
    vals: readonly Vals[],
    options?: { context?: OdooContext },
  ): Promise<number[]>;
  /** Deleted ids raise OdooError 'missing'. */
  write(
    model: string,
    ids: readonly number[],
    vals: Vals,
    options?: { context?: OdooContext },
  ): Promise<boolean>;
  unlink(
    model: string,
    ids: readonly number[],
    options?: { context?: OdooContext },
  ): Promise<boolean>;
  fieldsGet(
    model: string,
    attributes?: readonly string[],
    options?: { context?: OdooContext },
  ): Promise<Record<string, Record<string, unknown>>>;
  nameSearch(
    model: string,
    name: string,
    options?: NameSearchOptions,
  ): Promise<Array<[number, string]>>;
}
