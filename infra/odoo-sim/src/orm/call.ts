import { accessError, attributeError, typeError } from '../errors';
import { baseMethods } from './methods';
import { modelDef } from './records';
import type { Env, MethodDef } from './types';
import { assertExist } from './write';

export interface CallInput {
  /** JSON-RPC: positional args (ids first for record methods). */
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  /** JSON-2: ids given separately; undefined means "not sent". */
  ids?: unknown;
}

export function findMethod(env: Env, model: string, method: string): MethodDef {
  if (method.startsWith('_')) {
    // 16/17 check_method_name names the method only; 18+ get_public_method quotes model.method
    const what = env.profile.version >= 18 ? `'${model}.${method}'` : method;
    throw accessError(`Private methods (such as ${what}) cannot be called remotely.`);
  }
  const def = modelDef(env, model);
  const found = def.methods?.[method] ?? baseMethods(env, model)[method];
  if (!found) {
    throw attributeError(
      env.profile.version >= 18
        ? `The method '${model}.${method}' does not exist`
        : env.profile.version === 17
          ? `The method '${method}' does not exist on the model '${model}'`
          : `'${model}' object has no attribute '${method}'`,
    );
  }
  return found;
}

export function toIds(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

/** Methods that pass unknown keyword arguments on (the callee's name is in Odoo 17's TypeError). */
const KWARGS_TAKER: Record<string, string> = { search_read: 'BaseModel._read_format' };

/** Binds Python-style positional and keyword arguments to a method signature. */
export function bindArgs(
  name: string,
  m: MethodDef,
  positional: unknown[],
  kwargs: Record<string, unknown>,
) {
  if (positional.length > m.params.length) {
    throw typeError(
      `${name}() takes ${m.params.length + 1} positional arguments but ${positional.length + 1} were given`,
    );
  }
  const bound: Record<string, unknown> = {};
  positional.forEach((v, i) => (bound[m.params[i] ?? ''] = v));
  for (const [key, value] of Object.entries(kwargs)) {
    if (!m.params.includes(key))
      throw typeError(
        `${KWARGS_TAKER[name] ?? name}() got an unexpected keyword argument '${key}'`,
      );
    if (key in bound) throw typeError(`${name}() got multiple values for argument '${key}'`);
    bound[key] = value;
  }
  return bound;
}

const OPERATION: Record<string, string> = { create: 'create', unlink: 'delete' };
/** The group an AccessError names: the one with write access to the model (Settings by default). */
const WRITE_GROUP: Record<string, string> = { 'res.users': 'Administration/Access Rights' };

export function checkAccess(
  env: Env,
  model: string,
  method: string,
  m: MethodDef,
  readonlyUser: boolean,
): void {
  if (!readonlyUser || m.read) return;
  const description = modelDef(env, model).description;
  throw accessError(
    `You are not allowed to ${OPERATION[method] ?? 'modify'} '${description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- ${WRITE_GROUP[model] ?? 'Administration/Settings'}\n\nContact your administrator to request access if necessary.`,
  );
}

/** Runs a bound method; record methods on deleted ids raise MissingError (read and unlink excepted). */
export function runMethod(
  env: Env,
  model: string,
  method: string,
  m: MethodDef,
  ids: number[],
  args: Record<string, unknown>,
): unknown {
  if (!m.model && method !== 'read' && method !== 'unlink' && method !== 'write')
    assertExist(env, model, ids);
  return m.run(env, ids, args);
}
