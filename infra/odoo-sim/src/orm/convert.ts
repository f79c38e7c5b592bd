import { validationError, valueError } from '../errors';
import { exists, str } from './records';
import type { Env, FieldDef } from './types';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates and normalises one scalar or many2one value the way the ORM does on write. */
export function convertScalar(
  env: Env,
  model: string,
  name: string,
  field: FieldDef,
  value: unknown,
): unknown {
  if (value === null || value === undefined) return false;
  switch (field.type) {
    case 'many2one': {
      if (value === false || value === 0) return false;
      if (typeof value !== 'number' || !exists(env, field.relation ?? '', value)) {
        throw validationError(
          `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${model}, Field: ${name}, Missing: ${field.relation}(${JSON.stringify(value)},)`,
        );
      }
      return value;
    }
    case 'datetime': {
      if (value === false) return false;
      let s = str(value);
      if (s.length === 10) s += ' 00:00:00';
      // strptime with the full format: a parsable prefix followed by more (a 'Z', microseconds).
      if (DATETIME.test(s.slice(0, 19)) && s.length > 19)
        throw valueError(`unconverted data remains: ${s.slice(19)}`);
      if (!DATETIME.test(s)) {
        throw valueError(`time data '${s}' does not match format '%Y-%m-%d %H:%M:%S'`);
      }
      return s;
    }
    case 'date': {
      if (value === false) return false;
      const s = str(value).slice(0, 10);
      if (!DATE.test(s)) throw valueError(`time data '${s}' does not match format '%Y-%m-%d'`);
      return s;
    }
    case 'selection':
      if (value === false) return false;
      if (!field.selection?.some(([k]) => k === value)) {
        throw valueError(
          `Wrong value for ${model}.${name}: ${JSON.stringify(value).replaceAll('"', "'")}`,
        );
      }
      return value;
    case 'integer':
      return value === false ? 0 : Math.trunc(Number(value));
    case 'float':
    case 'monetary':
      return value === false ? 0 : Number(value);
    case 'boolean':
      return Boolean(value);
    default:
      return value === false ? false : str(value);
  }
}
