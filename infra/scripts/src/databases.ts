import { spawn } from 'node:child_process';
import { ensureDatabase } from '@o2c/db';
import { infraEnv, say } from './env';
import { listServices, type ServiceInfo } from './services';

/**
 * One database per service (and the registry's), created if missing, then each service's own
 * `main.ts migrate`.
 */
export async function setupDatabases(): Promise<void> {
  const services = listServices();
  await ensureDatabase(infraEnv.postgresAdminUrl, infraEnv.registryDb);
  for (const s of services) {
    const created = await ensureDatabase(infraEnv.postgresAdminUrl, s.database);
    if (created) say(`database ${s.database}: created`);
  }
  await Promise.all(services.map(migrate));
  say(`databases: ${services.map((s) => s.database).join(', ')} migrated`);
}

function migrate(s: ServiceInfo): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', s.main, 'migrate'], {
      // The local databases of npm start and db:setup: development mode, as start.ts runs them.
      env: {
        ...process.env,
        O2C_ENV: process.env.O2C_ENV ?? 'development',
        DATABASE_URL: s.databaseUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`migrations of ${s.name} failed (exit ${code}):\n${output}`)),
    );
  });
}
