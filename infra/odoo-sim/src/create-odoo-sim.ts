import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { SimCore } from './sim-core';
import { createSimServer } from './transports/server';
import type { OdooVersion } from './version';

export interface OdooSimOptions {
  version?: OdooVersion;
  db?: string;
  port?: number;
  host?: string;
  logger?: Logger;
  /** Installed modules; default: a default install (see DEFAULT_MODULES). */
  modules?: readonly string[];
  /** The company's default sale tax in percent (0, the default: no taxes anywhere). */
  saleTaxPercent?: number;
}

export interface OdooSim {
  /** Listens and resolves with the base URL, e.g. http://127.0.0.1:8069. */
  start(): Promise<string>;
  /** Idempotent. */
  stop(): Promise<void>;
  readonly url: string;
  readonly core: SimCore;
}

export function createOdooSim(options: OdooSimOptions = {}): OdooSim {
  const log = options.logger ?? pino({ level: 'silent' });
  const core = new SimCore(
    options.version ?? 17,
    options.db ?? 'o2c',
    log,
    options.modules,
    options.saleTaxPercent,
  );
  const host = options.host ?? '127.0.0.1';
  let server: Server | undefined;
  let url = '';
  return {
    core,
    get url() {
      return url;
    },
    async start() {
      if (server) return url;
      const srv = createSimServer(core);
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(options.port ?? 8069, host, () => resolve());
      });
      url = `http://${host}:${(srv.address() as AddressInfo).port}`;
      return url;
    },
    async stop() {
      const srv = server;
      server = undefined;
      if (!srv) return;
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}
