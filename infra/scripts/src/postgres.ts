import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { infraEnv, say } from './env';
import { sleep } from './processes';

export async function postgresAnswers(): Promise<boolean> {
  const client = new Client({
    connectionString: infraEnv.postgresAdminUrl,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The machine's PostgreSQL: used as it is; started with Debian's pg_ctlcluster when it is down. */
export async function postgresUp(): Promise<void> {
  if (await postgresAnswers()) return say('postgres: reachable at 127.0.0.1:5432');
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  for (const version of versions) {
    say(`postgres: not reachable, starting cluster ${version}/main…`);
    try {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
        stdio: 'inherit',
      });
    } catch {
      // Already running on another port, or not ours to start: the check below decides.
    }
  }
  for (let i = 0; i < 20; i++) {
    if (await postgresAnswers()) return say('postgres: started');
    await sleep(500);
  }
  throw new Error(
    `PostgreSQL is not reachable at ${infraEnv.postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')}. ` +
      'Start it (pg_ctlcluster <version> main start, or your service manager), make sure it accepts ' +
      'TCP connections on 127.0.0.1:5432 for user postgres, or point POSTGRES_ADMIN_URL at another server.',
  );
}

export async function postgresStatus(): Promise<string> {
  return `postgres ${(await postgresAnswers()) ? 'up' : 'down'}  127.0.0.1:5432`;
}
