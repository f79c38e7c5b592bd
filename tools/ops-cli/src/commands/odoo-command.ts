import { createOdooClient, OdooError } from '@o2c/odoo-client';
import type { Command } from 'commander';
import { runAction } from '../cli/run-action';
import type { OdooConnection } from '../config';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';
import { blocker } from '../doctor/check';
import { assessSetup, report } from '../doctor/assess-setup';
import { formatReport } from '../doctor/format-report';
import { readSetupFacts } from '../doctor/read-setup-facts';
import type { DoctorReport } from '../doctor/setup-facts';

interface DoctorOptions {
  currency?: string;
}

export function registerOdooCommands(program: Command, env: NodeJS.ProcessEnv): void {
  const odoo = program
    .command('odoo')
    .description('Odoo as the odoo-adapter sees it (ODOO_URL, ODOO_DB, ODOO_LOGIN, ODOO_API_KEY)');
  odoo
    .command('doctor')
    .description(
      'Read-only check of a connected Odoo against what the platform needs: version and ' +
        'transport, modules, flow settings (SMS confirmation, delivery steps, invoicing policy), ' +
        'master data (product codes, customer refs, units, currencies, pricelists) and the API ' +
        "user's access rights. Each check is ok, warning or blocker with a remedy. " +
        'Exit code 1 when there is a blocker.',
    )
    .option(
      '--currency <codes>',
      "currencies our orders are in, comma-separated (default: the ODOO_COMPANY_ID company's)",
    )
    .action(runAction(env, (ctx, options: DoctorOptions) => doctor(ctx, options)));
}

/** Connection problems are findings too: the report says what to fix instead of a stack. */
function unreachable(o: OdooConnection, error: unknown): DoctorReport | undefined {
  if (!(error instanceof OdooError)) return undefined;
  const where = { url: o.url, db: o.db, login: o.login };
  const title = 'Odoo reachable with the configured credentials';
  if (error.kind === 'access_denied')
    return report(where, [
      blocker(
        'connection',
        title,
        `${o.login} refused on database ${o.db}: ${error.message}`,
        'check ODOO_DB and ODOO_LOGIN, and create an API key for that user (Preferences › Account Security › New API Key) in ODOO_API_KEY',
      ),
    ]);
  if (error.kind === 'transport' || error.kind === 'timeout' || error.kind === 'not_found')
    return report(where, [
      blocker(
        'connection',
        title,
        `no Odoo answer at ${o.url}: ${error.message}`,
        'check ODOO_URL (scheme, host, port) and that this machine may reach it',
      ),
    ]);
  return undefined;
}

async function doctor(ctx: OpsContext, options: DoctorOptions): Promise<void> {
  const o = ctx.config.odoo;
  const currencies = options.currency
    ?.split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (currencies?.length === 0) throw new OpsError('USAGE', '--currency needs at least one code');
  ctx.out.note(`reading ${o.url} (database ${o.db}) as ${o.login}…`);
  const client = createOdooClient({
    url: o.url,
    db: o.db,
    login: o.login,
    apiKey: o.apiKey,
    transport: o.transport,
    timeoutMs: o.timeoutMs,
  });
  let result: DoctorReport;
  try {
    const scope = { companyId: o.companyId, customerKey: o.customerKey };
    result = assessSetup(await readSetupFacts(client, scope), {
      odoo: { url: o.url, db: o.db, login: o.login },
      uomMap: o.uomMap,
      skipSms: o.skipSms,
      ...scope,
      ...(currencies ? { currencies } : {}),
    });
  } catch (error) {
    const failed = unreachable(o, error);
    if (!failed)
      throw new OpsError('FAILED', `Odoo could not be read at ${o.url}`, { cause: error });
    result = failed;
  }
  ctx.out.result(result, () => formatReport(result));
  if (!result.ok) process.exitCode = 1;
}
