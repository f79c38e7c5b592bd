import { createJson2Transport, webVersion } from './json2-transport';
import { createJsonRpcTransport } from './json-rpc-transport';
import { OdooError } from './odoo-error';
import type { OdooProtocol, OdooTransport, OdooVersion, TransportConfig } from './transport';
import { baseUrl } from './transport';

/**
 * Reads the server version: `GET /web/version` first (19 answers `version_info`), then
 * JSON-RPC `common.version`, which 16–19 all serve.
 */
export async function detectVersion(config: TransportConfig): Promise<OdooVersion> {
  try {
    return await webVersion(baseUrl(config.url), config.timeoutMs);
  } catch {
    return createJsonRpcTransport(config).version();
  }
}

/** JSON-2 from 19 on, when an API key is available (JSON-2 takes no password). */
export function protocolFor(major: number, hasApiKey: boolean): OdooProtocol {
  return major >= 19 && hasApiKey ? 'json2' : 'jsonrpc';
}

/**
 * Returns a function that yields the transport. For 'auto' it probes the server on first use;
 * a failed probe is not cached, so the next call probes again.
 */
export function createTransportResolver(
  config: TransportConfig,
  choice: OdooProtocol | 'auto',
  hasApiKey: boolean,
): () => Promise<OdooTransport> {
  if (choice === 'json2' && !hasApiKey) {
    throw new OdooError({
      name: 'o2c.ConfigError',
      kind: 'access_denied',
      message: 'JSON-2 needs an API key, not a password',
    });
  }
  if (choice !== 'auto') {
    const fixed = Promise.resolve(
      choice === 'json2' ? createJson2Transport(config) : createJsonRpcTransport(config),
    );
    return () => fixed;
  }
  let chosen: Promise<OdooTransport> | undefined;
  async function probe(): Promise<OdooTransport> {
    const { major, version } = await detectVersion(config);
    const protocol = protocolFor(major, hasApiKey);
    config.logger?.info({ version, protocol }, 'odoo protocol detected');
    return protocol === 'json2' ? createJson2Transport(config) : createJsonRpcTransport(config);
  }
  return () => {
    chosen ??= probe().catch((error: unknown) => {
      chosen = undefined;
      throw error;
    });
    return chosen;
  };
}
