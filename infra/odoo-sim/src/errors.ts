/**
 * An exception as Odoo serialises it: `name` is the fully-qualified Python class that clients
 * dispatch on, `args` becomes `arguments`, and `httpStatus` is what JSON-2 (19) answers with.
 */
export class OdooError extends Error {
  readonly code: string;
  constructor(
    pyName: string,
    message: string,
    readonly args: unknown[] = [message],
    readonly httpStatus = 500,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OdooError';
    this.code = pyName;
  }

  /** The `data` object of a JSON-RPC error and the JSON-2 error body. */
  toData(): Record<string, unknown> {
    return {
      name: this.code,
      message: this.message,
      arguments: this.args,
      context: {},
      debug: `Traceback (most recent call last):\n  File "odoo-sim", line 1, in <module>\n${this.code}: ${this.message}\n`,
    };
  }
}

const ex = (name: string, status: number) => (message: string) =>
  new OdooError(`odoo.exceptions.${name}`, message, [message], status);

export const userError = ex('UserError', 422);
export const validationError = ex('ValidationError', 422);
export const accessError = ex('AccessError', 403);
export const missingError = ex('MissingError', 404);
export const lockError = ex('LockError', 409);
export const accessDenied = (): OdooError => {
  const err = ex('AccessDenied', 403)('Access Denied');
  return err;
};
export const valueError = (message: string): OdooError =>
  new OdooError('builtins.ValueError', message);
export const typeError = (message: string): OdooError =>
  new OdooError('builtins.TypeError', message, [message], 422);
export const attributeError = (message: string): OdooError =>
  new OdooError('builtins.AttributeError', message, [message], 404);
export const serializationFailure = (): OdooError =>
  new OdooError(
    'psycopg2.errors.SerializationFailure',
    'could not serialize access due to concurrent update\n',
  );
export const httpError = (name: string, status: number, description: string): OdooError =>
  new OdooError(`werkzeug.exceptions.${name}`, description, [description, status], status);
