import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceRequests } from '@o2c/http';
import express, { type Response } from 'express';
import pino, { type Logger } from 'pino';
import { carrierRoutes } from './carrier-routes';
import { createCarrierState, type CarrierState } from './carrier-state';
import { controlRoutes } from './control-routes';
import { createWebhookSender } from './webhook-sender';

export interface CarrierSimOptions {
  carriers?: readonly string[];
  port?: number;
  host?: string;
  webhookSecret?: string;
  pickedUpAfterMs?: number;
  deliveredAfterMs?: number;
  logger?: Logger;
}

export interface CarrierSim {
  /** Listens and resolves with the base URL, e.g. http://127.0.0.1:8070. */
  start(): Promise<string>;
  /** Idempotent. */
  stop(): Promise<void>;
  readonly url: string;
  readonly state: CarrierState;
}

export function createCarrierSim(options: CarrierSimOptions = {}): CarrierSim {
  const logger = options.logger ?? pino({ level: 'silent' });
  const webhooks = createWebhookSender({
    secret: options.webhookSecret ?? 'o2c-carrier-secret',
    logger,
  });
  const state = createCarrierState(
    options.carriers ?? ['dhl', 'ups'],
    {
      pickedUpAfterMs: options.pickedUpAfterMs ?? 300,
      deliveredAfterMs: options.deliveredAfterMs ?? 800,
      hold: false,
    },
    webhooks,
  );
  const hung = new Set<Response>();
  const app = express();
  app.use(traceRequests());
  app.use(express.json());
  app.use(controlRoutes(state, hung));
  app.use(carrierRoutes(state, hung));
  app.use((_req, res) => {
    res.status(404).json({ code: 'NOT_FOUND', message: 'no such route' });
  });
  const host = options.host ?? '127.0.0.1';
  let server: Server | undefined;
  let url = '';
  return {
    state,
    get url() {
      return url;
    },
    async start() {
      if (server) return url;
      const srv = app.listen(options.port ?? 8070, host);
      server = srv;
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.once('listening', () => resolve());
      });
      url = `http://${host}:${(srv.address() as AddressInfo).port}`;
      return url;
    },
    async stop() {
      const srv = server;
      server = undefined;
      if (!srv) return;
      state.reset();
      hung.clear();
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}
