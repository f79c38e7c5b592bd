import type { IncomingMessage } from 'node:http';

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** Keeps the bytes of a JSON body as received (express.json's `verify` hook). */
export const keepRawBody = (req: IncomingMessage, _res: unknown, buf: Buffer): void => {
  rawBodies.set(req, buf);
};

/** The exact bytes of a parsed JSON request body, for signatures computed over them (webhooks). */
export const rawBodyOf = (req: IncomingMessage): Buffer | undefined => rawBodies.get(req);
