import { DEVELOPMENT_API_KEY } from '@o2c/http';
import type { Command } from 'commander';
import { parsePositiveInt } from '../cli/parse';
import { runAction } from '../cli/run-action';
import { createConsole } from '../console/create-console';
import type { OpsContext } from '../context';

interface ConsoleOptions {
  port: string;
  host: string;
}

export function registerConsoleCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('console')
    .description(
      'Serve the ops console, a web page over this tool: order flow by stage, one order across ' +
        'services (with its Zipkin trace), consumer lag, dead letters by reason with a guarded ' +
        'redrive (dry run first, the group typed to confirm, audited), open exceptions, replay ' +
        'and redrive jobs. Its API needs a key of API_KEYS (ops:read; ops:write to redrive); in ' +
        'development o2c-dev-key. Reads service databases (ORDER_INTAKE_DATABASE_URL, ' +
        'FULFILLMENT_DATABASE_URL, ODOO_ADAPTER_DATABASE_URL; default o2c_<service> beside ' +
        'POSTGRES_ADMIN_URL), their /metrics (ORDER_INTAKE_URL, FULFILLMENT_URL, ODOO_ADAPTER_URL) ' +
        'and links to ZIPKIN_URL. Runs until SIGINT or SIGTERM.',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', '3090')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(runAction(env, serveConsole));
}

async function serveConsole(ctx: OpsContext, options: ConsoleOptions): Promise<void> {
  const port = options.port === '0' ? 0 : parsePositiveInt(options.port, '--port');
  const keys = ctx.config.console.apiKeys;
  const server = createConsole(ctx, { host: options.host, port });
  const url = await server.start();
  const key = ctx.config.console.development ? ` (development key: ${DEVELOPMENT_API_KEY})` : '';
  process.stderr.write(`o2c-ops console on ${url}/${key}, ${keys.length} API client(s)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
}
