import { OdooError } from '../errors';
import type { SimCore } from '../sim-core';
import { userByCredentials } from '../users';

export function versionInfo(core: SimCore): Record<string, unknown> {
  const v = core.profile.version;
  return {
    server_version: `${v}.0`,
    server_version_info: [v, 0, 0, 'final', 0, ''],
    server_serie: `${v}.0`,
    protocol_version: 1,
  };
}

function checkDb(core: SimCore, db: unknown): void {
  if (db !== core.db) {
    throw new OdooError(
      'psycopg2.OperationalError',
      `connection to server failed: FATAL:  database "${String(db)}" does not exist\n`,
    );
  }
}

/** service "common": version, login, authenticate (false on bad credentials, not an error). */
export function commonService(core: SimCore, method: string, args: unknown[]): unknown {
  switch (method) {
    case 'version':
      return versionInfo(core);
    case 'login':
    case 'authenticate': {
      const [db, login, password] = args;
      checkDb(core, db);
      return userByCredentials(login, password)?.uid ?? false;
    }
    case 'about':
      return 'See http://openerp.com';
    default:
      throw new OdooError('builtins.NameError', `Method not available ${method}`);
  }
}

/** service "db" as far as clients use it: `list` (list_db defaults to true), `server_version`. */
export function dbService(core: SimCore, method: string): unknown {
  switch (method) {
    case 'list':
      return [core.db];
    case 'server_version':
      return versionInfo(core).server_version;
    case 'db_exist':
      return true;
    default:
      throw new OdooError('builtins.NameError', `Method not available ${method}`);
  }
}
