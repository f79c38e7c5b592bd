import { Rpc, SpanKind, inSpan } from '@o2c/observability';
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import type {
  CallOptions,
  Domain,
  OdooClient,
  OdooClientConfig,
  OdooContext,
  OdooRecord,
  SearchReadOptions,
  Vals,
} from './client-types';
import { createTransportResolver } from './select-transport';
import type { OdooCall, TransportConfig } from './transport';

type CallShape = Omit<OdooCall, 'model' | 'method'>;
type FieldsInfo = Record<string, Record<string, unknown>>;

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates a client for Odoo's external API. Nothing is sent until the first call; with
 * `transport: 'auto'` that first call also probes the server version.
 */
export function createOdooClient(config: OdooClientConfig): OdooClient {
  const apiKey = config.apiKey;
  const transportConfig: TransportConfig = {
    url: config.url,
    db: config.db,
    login: config.login,
    secret: apiKey ?? config.password ?? '',
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logger: config.logger,
  };
  const transport = createTransportResolver(
    transportConfig,
    config.transport,
    apiKey !== undefined,
  );
  // An unusable URL fails at the first call, as an OdooError (see sendRequest).
  const server = URL.parse(config.url);
  // One client span per ORM call (its HTTP request carries the span's traceparent to Odoo).
  const run = (model: string, method: string, call: CallShape): Promise<unknown> =>
    inSpan(
      `${model}/${method}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [Rpc.system]: 'odoo',
          [Rpc.service]: model,
          [Rpc.method]: method,
          ...(server ? { [ATTR_SERVER_ADDRESS]: server.hostname } : {}),
          ...(server?.port ? { [ATTR_SERVER_PORT]: Number(server.port) } : {}),
        },
      },
      async (span) => {
        const t = await transport();
        span.setAttribute('o2c.odoo.protocol', t.protocol);
        return t.execute({ ...call, model, method });
      },
    );

  async function create(
    model: string,
    vals: Vals | readonly Vals[],
    options?: { context?: OdooContext },
  ): Promise<number | number[]> {
    const many = Array.isArray(vals);
    const protocol = (await transport()).protocol;
    // JSON-2 answers a list whatever it gets, so it always gets one.
    const valsList = many || protocol === 'jsonrpc' ? vals : [vals];
    const result = await run(model, 'create', { params: [['vals_list', valsList]], ...options });
    const ids = Array.isArray(result) ? (result as number[]) : [result as number];
    return many ? ids : (ids[0] as number);
  }

  return {
    protocol: async () => (await transport()).protocol,
    version: async () => (await transport()).version(),
    authenticate: async () => (await transport()).authenticate(),
    call: async <T>(model: string, method: string, options: CallOptions = {}) =>
      (await run(model, method, options)) as T,
    searchRead: async <T extends OdooRecord>(
      model: string,
      domain: Domain,
      { context, ...kwargs }: SearchReadOptions = {},
    ) =>
      (await run(model, 'search_read', { params: [['domain', domain]], kwargs, context })) as T[],
    read: async <T extends OdooRecord>(
      model: string,
      ids: readonly number[],
      fields?: readonly string[],
      options?: { context?: OdooContext },
    ) => (await run(model, 'read', { ids, params: [['fields', fields]], ...options })) as T[],
    search: async (model, domain, { context, ...kwargs } = {}) =>
      (await run(model, 'search', { params: [['domain', domain]], kwargs, context })) as number[],
    searchCount: async (model, domain, options) =>
      (await run(model, 'search_count', { params: [['domain', domain]], ...options })) as number,
    create: create as OdooClient['create'],
    write: async (model, ids, vals, options) =>
      (await run(model, 'write', { ids, params: [['vals', vals]], ...options })) as boolean,
    unlink: async (model, ids, options) =>
      (await run(model, 'unlink', { ids, ...options })) as boolean,
    fieldsGet: async (model, attributes, options) =>
      (await run(model, 'fields_get', { kwargs: { attributes }, ...options })) as FieldsInfo,
    // The domain goes positionally: its keyword is `args` up to 17 and `domain` from 18.
    nameSearch: async (model, name, { domain = [], context, ...kwargs } = {}) => {
      const params = [['name', name] as const, ['domain', domain] as const];
      return (await run(model, 'name_search', { params, kwargs, context })) as Array<
        [number, string]
      >;
    },
  };
}
