import { randomBytes } from 'node:crypto';
import { hashApiKey, SCOPES, type Scope } from '@o2c/http';
import type { Command } from 'commander';
import { runAction } from '../cli/run-action';
import type { OpsContext } from '../context';
import { OpsError } from '../errors';

interface NewKeyOptions {
  client: string;
  scopes: string;
}

export function registerApiKeyCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('api-key')
    .description(
      'Make a new API key for a client: prints the key (give it to the client; it is shown once) ' +
        'and the API_KEYS entry the services need, which holds only its SHA-256. Append the entry ' +
        'to API_KEYS beside the old one to rotate, then remove the old one. Changes nothing.',
    )
    .requiredOption('--client <name>', 'who calls: letters, digits, . _ -')
    .requiredOption('--scopes <list>', `comma-separated, among: ${SCOPES.join(', ')}`)
    .action(runAction(env, (ctx, options: NewKeyOptions) => newKey(ctx, options)));
}

function newKey(ctx: OpsContext, o: NewKeyOptions): Promise<void> {
  if (!/^[\w.-]+$/.test(o.client))
    throw new OpsError('USAGE', `--client may hold letters, digits, '.', '_' and '-' only`);
  const scopes = o.scopes.split(',').map((s) => s.trim());
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0 || scopes.length === 0)
    throw new OpsError('USAGE', `unknown scope ${unknown.join(', ')}; known: ${SCOPES.join(', ')}`);
  const key = `o2c_${randomBytes(32).toString('base64url')}`;
  const entry = `${o.client}:${hashApiKey(key)}:${(scopes as Scope[]).join(',')}`;
  ctx.out.result(
    { ok: true, client: o.client, scopes, key, entry },
    () => `key (give it to ${o.client}; shown once): ${key}\nAPI_KEYS entry: ${entry}`,
  );
  return Promise.resolve();
}
