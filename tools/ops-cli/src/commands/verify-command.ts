import type { Command } from 'commander';
import { table } from '../cli/output';
import { parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { checkInvariants } from '../verify/check-invariants';
import { collectFacts, type FactSources } from '../verify/collect-facts';
import { readAdapterPins, type AdapterPins } from '../verify/shadow-orders';

interface VerifyOptions {
  orderIntakeUrl: string;
  inventorySyncUrl: string;
  fulfillmentUrl: string;
  invoicingUrl: string;
  odoo: boolean;
  odooUrl?: string;
  odooDb?: string;
  odooLogin?: string;
  grace: string;
  limit: string;
}

export function registerVerifyCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('verify')
    .description(
      'Check the order-to-cash and procure-to-pay invariants across every service and Odoo ' +
        '(read-only): each order terminal or explained, invoiced = shipped, credited = returned, ' +
        'stock ledgers balanced, one Odoo sale order per accepted order with our delivered ' +
        'quantities, invoice and credit note totals and currency, no effect applied twice; one ' +
        'Odoo purchase order per purchase, billed = received within tolerance, mismatched bills ' +
        'held, every replenishment proposal terminal or explained. Exit code 1 on any violation.',
    )
    .option('--grace <seconds>', 'orders changed more recently are in flight', '120')
    .option('--limit <n>', 'violations printed (all with --json)', '50')
    .option(
      '--order-intake-url <url>',
      'order-intake',
      env.ORDER_INTAKE_URL ?? 'http://127.0.0.1:3001',
    )
    .option(
      '--inventory-sync-url <url>',
      'inventory-sync',
      env.INVENTORY_SYNC_URL ?? 'http://127.0.0.1:3002',
    )
    .option(
      '--fulfillment-url <url>',
      'fulfillment',
      env.FULFILLMENT_URL ?? 'http://127.0.0.1:3003',
    )
    .option('--invoicing-url <url>', 'invoicing', env.INVOICING_URL ?? 'http://127.0.0.1:3004')
    .option('--no-odoo', 'do not check Odoo')
    .option('--odoo-url <url>', 'Odoo (default: $ODOO_URL, read as the odoo-adapter reads it)')
    .option('--odoo-db <name>', 'Odoo database (default: $ODOO_DB)')
    .option('--odoo-login <login>', 'Odoo user (default: $ODOO_LOGIN; the key is $ODOO_API_KEY)')
    .action(runAction(env, (ctx, options: VerifyOptions) => verify(ctx, options)));
}

async function verify(ctx: OpsContext, o: VerifyOptions): Promise<void> {
  const sources: FactSources = {
    orderIntakeUrl: o.orderIntakeUrl,
    inventorySyncUrl: o.inventorySyncUrl,
    fulfillmentUrl: o.fulfillmentUrl,
    invoicingUrl: o.invoicingUrl,
    apiKey: ctx.config.apiKey,
    ...(o.odoo
      ? {
          odoo: {
            ...ctx.config.odoo,
            ...(o.odooUrl ? { url: o.odooUrl } : {}),
            ...(o.odooDb ? { db: o.odooDb } : {}),
            ...(o.odooLogin ? { login: o.odooLogin } : {}),
          },
        }
      : {}),
  };
  ctx.out.note('collecting facts from the services' + (o.odoo ? ' and Odoo' : '') + '…');
  const grace = Number(o.grace);
  if (!Number.isInteger(grace) || grace < 0)
    throw new OpsError('USAGE', `--grace must be a whole number of seconds, got '${o.grace}'`);
  const graceMs = grace * 1000;
  const facts = await collectFacts(sources);
  const pins = await adapterPins(ctx);
  facts.importedOrders = pins.imported;
  if (o.odoo) facts.shadowOrders = pins.shadow;
  const result = checkInvariants(facts, { now: Date.now(), graceMs });
  const shown = result.violations.slice(0, parsePositiveInt(o.limit, '--limit'));
  ctx.out.result(result, () =>
    [
      `${result.orders} orders (${result.inFlight} in flight, younger than ${o.grace} s` +
        (result.shadow
          ? `; ${result.shadow} in shadow mode, Odoo written by the old integration`
          : '') +
        '): ' +
        Object.entries(result.byStatus)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ') +
        `; ${result.purchases} purchases, ${result.proposals} replenishment proposals`,
      result.ok
        ? 'verify: OK, no invariant violated'
        : `verify: ${result.violations.length} VIOLATIONS\n` +
          table(
            shown.map((v) => [v.check, v.orderId, v.source, v.message]),
            ['CHECK', 'ORDER', 'SOURCE', 'DETAIL'],
          ),
    ].join('\n'),
  );
  if (!result.ok) process.exitCode = 1;
}

/**
 * Without odoo-adapter's database the shadow and imported orders are unknown: said, and every
 * order is checked as written by the platform.
 */
async function adapterPins(ctx: OpsContext): Promise<AdapterPins> {
  try {
    return await readAdapterPins(ctx.config.serviceDatabaseUrls['odoo-adapter']);
  } catch (error) {
    ctx.out.note(
      `odoo-adapter's database could not be read (${(error as Error).message}): every order is checked as written by the platform`,
    );
    return { shadow: [], imported: [] };
  }
}
