import { apiOf, until, type Api } from './api';
import { createChannel } from './channel';
import { odooOf } from './odoo';
import { startPlatform, type Platform, type PlatformOptions } from './platform';
import { opsEnvOf } from './triage';
import { verify } from './verify';

export interface OrderToCash {
  p: Platform;
  api: Api;
  channel: Awaited<ReturnType<typeof createChannel>>;
  odoo: ReturnType<typeof odooOf>;
}

type Line = { lineNo: number; sku: string; quantity: number };
export const linesOf = (e: { data: Record<string, unknown> }) => e.data.lines as Line[];
export const qty = (lines: Line[]) => lines.reduce((a, l) => a + l.quantity, 0);

/**
 * The platform the order-to-cash specs run on: short Odoo and carrier timeouts, stock known.
 * `env`: more variables per process, over these; `flowWatch`: start flow-watch too.
 */
export async function startOrderToCash(
  options: { env?: PlatformOptions['env']; flowWatch?: boolean } = {},
): Promise<OrderToCash> {
  const env = options.env ?? {};
  const p = await startPlatform({
    traces: true,
    ...(options.flowWatch ? { flowWatch: true } : {}),
    env: {
      ...env,
      'odoo-adapter': {
        ODOO_BREAKER_OPEN_MS: '1000',
        ODOO_TIMEOUT_MS: '2000',
        ...env['odoo-adapter'],
      },
      fulfillment: { CARRIER_MAX_ATTEMPTS: '2', CARRIER_TIMEOUT_MS: '1500', ...env.fulfillment },
    },
  });
  const api = apiOf(p);
  const channel = await createChannel(p);
  // inventory-sync learns Odoo's stock from the adapter's first poll.
  await until(async () => {
    const a = await api.availability('FURN-001');
    return JSON.stringify(a).includes('"onHand":60') ? true : undefined;
  }, 'FURN-001 stock known to inventory-sync');
  return { p, api, channel, odoo: odooOf(p) };
}

export async function stopOrderToCash(o: OrderToCash | undefined) {
  await o?.channel.close();
  await o?.p.stopAll();
}

/** verify, once Odoo has caught up (up to 90 s): every order terminal or explained. */
export function verifySettled(p: Platform) {
  // The platform's databases: verify reads which orders odoo-adapter handled in shadow mode.
  const env = opsEnvOf(p);
  return until(
    async () => {
      const v = await verify(p, 0, env);
      return v.result.ok ? v : undefined;
    },
    'verify clean',
    90_000,
  ).catch(async () => verify(p, 0, env));
}
