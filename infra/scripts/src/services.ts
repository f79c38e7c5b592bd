import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlFor } from '@o2c/db';
import { infraEnv } from './env';
import { root } from './paths';

export interface ServiceInfo {
  name: string;
  main: string;
  port: number;
  database: string;
  databaseUrl: string;
}

/** Every directory under services/ whose package.json declares its port and database. */
export function listServices(): ServiceInfo[] {
  const dir = join(root, 'services');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const pkg = JSON.parse(readFileSync(join(dir, d.name, 'package.json'), 'utf8')) as {
        o2c?: { port: number; database: string };
      };
      if (!pkg.o2c) return undefined;
      return {
        name: d.name,
        main: join(dir, d.name, 'src/main.ts'),
        port: pkg.o2c.port,
        database: pkg.o2c.database,
        databaseUrl: databaseUrlFor(infraEnv.postgresAdminUrl, pkg.o2c.database),
      };
    })
    .filter((s): s is ServiceInfo => s !== undefined)
    .sort((a, b) => a.port - b.port);
}
