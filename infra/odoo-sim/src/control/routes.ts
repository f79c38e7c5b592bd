import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { OdooError } from '../errors';
import { registerPayment } from '../flows/invoice';
import { read } from '../orm/read';
import type { SimCore } from '../sim-core';
import { readBody, sendJson } from '../transports/http-util';
import { ClockBody, FaultBody, PaymentBody, RpcBody, StockBody, WebhookBody } from './schemas';
import { setOnHand } from '../flows/inventory';
import { createWebhookRule, disableWebhookRules } from './webhook-rules';

type Handler = (core: SimCore, body: unknown, url: URL) => unknown;

function clock(core: SimCore, raw: unknown) {
  const body = ClockBody.parse(raw);
  if (body.set) core.clock.set(body.set);
  if (body.freeze === true) core.clock.freeze();
  else if (typeof body.freeze === 'string') core.clock.freeze(body.freeze);
  if (body.unfreeze) core.clock.unfreeze();
  if (body.advanceSeconds) core.clock.advance(body.advanceSeconds);
  if (body.nextTransactionAt) core.clock.queueTransactionTimes([body.nextTransactionAt].flat());
  return core.clock.state();
}

function addFault(core: SimCore, raw: unknown) {
  const body = FaultBody.parse(raw);
  if (body.kind === 'lock_error' && !core.profile.hasLockError)
    throw new RangeError('lock_error exists on Odoo 18+ only');
  const { count, ...rest } = body;
  return core.faults.add({ ...rest, ...(count === undefined ? {} : { remaining: count }) });
}

async function payment(core: SimCore, raw: unknown) {
  const body = PaymentBody.parse(raw);
  // Taken by this very transaction: it reads its stamp before anything else can run.
  if (body.at) core.clock.queueTransactionTimes([body.at]);
  return core.transaction(2, {}, (env) => {
    registerPayment(env, body.invoiceId, body.amount, body.inPayment === true);
    const [row] = read(
      env,
      'account.move',
      [body.invoiceId],
      ['payment_state', 'amount_residual', 'amount_total'],
    );
    return { result: row, readOnly: false };
  });
}

const ROUTES: Record<string, Handler> = {
  'POST /__sim/reset': (core) => (core.reset(), { ok: true }),
  'GET /__sim/state': (core) => ({
    version: core.profile.version,
    db: core.db,
    clock: core.clock.state(),
    faults: core.faults.list(),
    rpcEnabled: core.rpcEnabled,
  }),
  'GET /__sim/clock': (core) => core.clock.state(),
  'POST /__sim/clock': clock,
  'GET /__sim/faults': (core) => core.faults.list(),
  'POST /__sim/faults': addFault,
  'DELETE /__sim/faults': (core) => (core.faults.clear(), { ok: true }),
  'POST /__sim/payments': payment,
  'GET /__sim/calls': (core, _b, url) => {
    const filter = {
      model: url.searchParams.get('model') ?? undefined,
      method: url.searchParams.get('method') ?? undefined,
    };
    return { calls: core.calls.list(filter), counts: core.calls.counts() };
  },
  'DELETE /__sim/calls': (core) => (core.calls.clear(), { ok: true }),
  'GET /__sim/webhooks': (core) => ({ sent: core.webhooksSent }),
  'POST /__sim/webhooks': (core, raw) =>
    core.transaction(2, {}, (env) => ({
      result: createWebhookRule(env, WebhookBody.parse(raw)),
      readOnly: false,
    })),
  'DELETE /__sim/webhooks': (core) =>
    core.transaction(2, {}, (env) => {
      disableWebhookRules(env);
      core.webhooksSent = [];
      return { result: { ok: true }, readOnly: false };
    }),
  'POST /__sim/stock': (core, raw) =>
    core.transaction(2, {}, (env) => {
      const body = StockBody.parse(raw);
      const id = setOnHand(env, body.productId, body.locationId, body.quantity);
      return {
        result: read(
          env,
          'stock.quant',
          [id],
          ['product_id', 'location_id', 'quantity', 'reserved_quantity'],
        )[0],
        readOnly: false,
      };
    }),
  'POST /__sim/rpc': (core, raw) => {
    const body = RpcBody.parse(raw);
    core.rpcEnabled = body.enabled;
    core.rpcDisabledMode = body.mode;
    return { rpcEnabled: core.rpcEnabled, mode: core.rpcDisabledMode };
  },
};

/** The test control API under /__sim (JSON in, JSON out; 400 on a bad body, 404 on an unknown route). */
export async function handleControl(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const handler = ROUTES[`${req.method ?? 'GET'} ${url.pathname}`];
  if (!handler)
    return sendJson(res, 404, { error: `no control route ${req.method} ${url.pathname}` });
  try {
    const text = await readBody(req);
    const result = await handler(core, text ? (JSON.parse(text) as unknown) : {}, url);
    sendJson(res, 200, result);
  } catch (err) {
    const status =
      err instanceof z.ZodError ||
      err instanceof SyntaxError ||
      err instanceof RangeError ||
      err instanceof OdooError
        ? 400
        : 500;
    sendJson(res, status, {
      error: err instanceof Error ? err.message : String(err),
      ...(err instanceof OdooError ? { name: err.code } : {}),
    });
  }
}
