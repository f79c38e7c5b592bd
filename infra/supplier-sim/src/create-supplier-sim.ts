import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceRequests } from '@o2c/http';
import express from 'express';
import pino, { type Logger } from 'pino';
import { controlRoutes, supplierRoutes } from './routes';
import { createSupplierState, type SupplierState } from './supplier-state';
import { createWebhookSender, type WebhookSender } from './webhook-sender';

export interface SupplierSimOptions {
  port?: number;
  host?: string;
  webhookSecret?: string;
  answerAfterMs?: number;
  /** First retry delay of a webhook the adapter did not take (doubling, at most 5 s). */
  retryBackoffMs?: number;
  logger?: Logger;
}

export interface SupplierSim {
  /** Listens and resolves with the base URL, e.g. http://127.0.0.1:8071. */
  start(): Promise<string>;
  /** Idempotent. */
  stop(): Promise<void>;
  readonly url: string;
  readonly state: SupplierState;
  readonly webhooks: WebhookSender;
}

export function createSupplierSim(options: SupplierSimOptions = {}): SupplierSim {
  const logger = options.logger ?? pino({ level: 'silent' });
  const webhooks = createWebhookSender({
    secret: options.webhookSecret ?? 'o2c-supplier-secret',
    logger,
    initialBackoffMs: options.retryBackoffMs ?? 100,
  });
  const state = createSupplierState();
  const app = express();
  app.use(traceRequests());
  app.use(express.json());
  app.use(controlRoutes(state, webhooks));
  app.use(supplierRoutes(state, webhooks, options.answerAfterMs ?? 200));
  app.use((_req, res) => {
    res.status(404).json({ code: 'NOT_FOUND', message: 'no such route' });
  });
  const host = options.host ?? '127.0.0.1';
  let server: Server | undefined;
  let url = '';
  return {
    state,
    webhooks,
    get url() {
      return url;
    },
    async start() {
      if (server) return url;
      const srv = app.listen(options.port ?? 8071, host);
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
      webhooks.cancelAll();
      state.reset();
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}
