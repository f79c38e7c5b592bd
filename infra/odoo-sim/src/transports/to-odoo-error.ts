import { OdooError } from '../errors';
import type { SimCore } from '../sim-core';

/** Any unexpected JS error is reported the way Odoo reports an unhandled Python exception. */
export function toOdooError(err: unknown, core: SimCore): OdooError {
  if (err instanceof OdooError) return err;
  core.log.error({ err }, 'unexpected simulator error');
  const message = err instanceof Error ? err.message : String(err);
  return new OdooError('builtins.Exception', message, [message], 500, { cause: err });
}
