import type {
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
  const exec = async (call: OdooCall): Promise<unknown> => (await transport()).execute(call);
  const ctx = (options?: { context?: OdooContext }) => options?.context;

  async function create(
    model: string,
    vals: Vals | readonly Vals[],
    options?: { context?: OdooContext },
  ): Promise<number | number[]> {
    const many = Array.isArray(vals);
    const protocol = (await transport()).protocol;
    // JSON-2 answers a list whatever it gets, so it always gets one.
    const valsList = many || protocol === 'jsonrpc' ? vals : [vals];
    const result = await exec({
      model,
      method: 'create',
      params: [['vals_list', valsList]],
      context: ctx(options),
    });
    const ids = Array.isArray(result) ? (result as number[]) : [result as number];
    return many ? ids : (ids[0] as number);
  }

  return {
    protocol: async () => (await transport()).protocol,
    version: async () => (await transport()).version(),
    authenticate: async () => (await transport()).authenticate(),
    call: async <T>(
      model: string,
      method: string,
      options: Omit<OdooCall, 'model' | 'method'> = {},
    ) => (await exec({ ...options, model, method })) as T,
    searchRead: async <T extends OdooRecord>(
      model: string,
      domain: Domain,
      { context, ...kwargs }: SearchReadOptions = {},
    ) =>
      (await exec({
        model,
        method: 'search_read',
        params: [['domain', domain]],
        kwargs,
        context,
      })) as T[],
    read: async <T extends OdooRecord>(
      model: string,
      ids: readonly number[],
      fields?: readonly string[],
      options?: { context?: OdooContext },
    ) =>
      (await exec({
        model,
        method: 'read',
        ids,
        params: [['fields', fields]],
        context: ctx(options),
      })) as T[],
    search: async (model, domain, { context, ...kwargs } = {}) =>
      (await exec({
        model,
        method: 'search',
        params: [['domain', domain]],
        kwargs,
        context,
      })) as number[],
    searchCount: async (model, domain, options) =>
      (await exec({
        model,
        method: 'search_count',
        params: [['domain', domain]],
        context: ctx(options),
      })) as number,
    create: create as OdooClient['create'],
    write: async (model, ids, vals, options) =>
      (await exec({
        model,
        method: 'write',
        ids,
        params: [['vals', vals]],
        context: ctx(options),
      })) as boolean,
    unlink: async (model, ids, options) =>
      (await exec({ model, method: 'unlink', ids, context: ctx(options) })) as boolean,
    fieldsGet: async (model, attributes, options) =>
      (await exec({
        model,
        method: 'fields_get',
        kwargs: { attributes },
        context: ctx(options),
      })) as Record<string, Record<string, unknown>>,
    // The domain goes positionally: its keyword is `args` up to 17 and `domain` from 18.
    nameSearch: async (model, name, { domain = [], context, ...kwargs } = {}) =>
      (await exec({
        model,
        method: 'name_search',
        params: [
          ['name', name],
          ['domain', domain],
        ],
        kwargs,
        context,
      })) as Array<[number, string]>,
  };
}
