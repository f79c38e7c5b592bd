import { missingError, validationError, valueError } from '../errors';
import { convertScalar } from './convert';
import { fieldDef, getRec, idsBy, modelDef, rawValue } from './records';
import { deleteRec, putRec } from './store';
import type { Env, Rec, Vals } from './types';
import { applyX2many } from './x2many';

const LOG_FIELDS = ['create_date', 'write_date', 'create_uid', 'write_uid'];

function missing(env: Env, model: string, ids: number[]) {
  return missingError(
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${env.uid})`,
  );
}

function splitRelated(env: Env, model: string, vals: Vals): [Vals, Vals, Vals] {
  const plain: Vals = {};
  const x2many: Vals = {};
  const related: Vals = {};
  for (const [name, value] of Object.entries(vals)) {
    if (name === 'id' || LOG_FIELDS.includes(name)) continue;
    const field = fieldDef(env, model, name);
    if (field.related) related[name] = value;
    else if (field.compute) continue;
    else if (field.type === 'one2many' || field.type === 'many2many') x2many[name] = value;
    else plain[name] = convertScalar(env, model, name, field, value);
  }
  return [plain, x2many, related];
}

function writeRelated(env: Env, model: string, rec: Rec, related: Vals): void {
  for (const [name, value] of Object.entries(related)) {
    const path = fieldDef(env, model, name).related?.split('.') ?? [];
    const [head = '', ...rest] = path;
    const target = rawValue(env, model, rec, head);
    const relation = fieldDef(env, model, head).relation ?? '';
    if (rest.length === 0) {
      rec[head] = convertScalar(env, model, head, fieldDef(env, model, head), value);
    } else if (typeof target === 'number') {
      writeRecords(env, relation, [target], { [rest.join('.')]: value });
    }
  }
}

export function createRecords(env: Env, model: string, valsList: Vals[]): number[] {
  const def = modelDef(env, model);
  return valsList.map((input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw valueError(`create() expects a dict of values, got ${JSON.stringify(input)}`);
    }
    const vals: Vals = { ...input };
    for (const [name, field] of Object.entries(def.fields)) {
      const fromContext = env.context[`default_${name}`];
      if (!(name in vals) && fromContext !== undefined && !field.compute) vals[name] = fromContext;
      else if (!(name in vals) && field.default !== undefined) vals[name] = field.default;
    }
    const prepared = def.prepare ? def.prepare(env, vals) : vals;
    const [plain, x2many, related] = splitRelated(env, model, prepared);
    for (const [name, field] of Object.entries(def.fields)) {
      if (
        field.required &&
        !field.compute &&
        !field.related &&
        (plain[name] === undefined || plain[name] === false)
      ) {
        throw validationError(
          `The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${def.description} (${model})\nField: ${field.string} (${name})\n`,
        );
      }
    }
    const id = env.data.nextId[model] ?? 1;
    env.data.nextId[model] = id + 1;
    const rec: Rec = {
      ...plain,
      id,
      create_date: env.stamp,
      write_date: env.stamp,
      create_uid: env.uid,
      write_uid: env.uid,
    };
    putRec(env, model, rec);
    for (const [name, commands] of Object.entries(x2many))
      applyX2many(env, model, rec, name, commands);
    writeRelated(env, model, rec, related);
    def.afterCreate?.(env, id);
    env.events.push({ model, id, kind: 'create', fields: Object.keys(input), before: {} });
    return id;
  });
}

export function writeRecords(env: Env, model: string, ids: number[], vals: Vals): void {
  const gone = ids.filter((id) => !getRec(env, model, id));
  if (gone.length > 0) throw missing(env, model, gone);
  const [plain, x2many, related] = splitRelated(env, model, vals);
  for (const id of ids) {
    const rec = getRec(env, model, id) as Rec;
    const before: Record<string, unknown> = {};
    for (const name of Object.keys(plain)) before[name] = rec[name];
    Object.assign(rec, plain, { write_date: env.stamp, write_uid: env.uid });
    for (const [name, commands] of Object.entries(x2many))
      applyX2many(env, model, rec, name, commands);
    writeRelated(env, model, rec, related);
    env.events.push({ model, id, kind: 'write', fields: Object.keys(vals), before });
  }
  modelDef(env, model).afterWrite?.(env, ids, vals);
}

/** Stored computed fields changed: Odoo bumps write_date on recompute. */
export function touch(env: Env, model: string, ids: number[]): void {
  for (const id of ids) {
    const rec = getRec(env, model, id);
    if (rec) Object.assign(rec, { write_date: env.stamp, write_uid: env.uid });
  }
}

export function assertExist(env: Env, model: string, ids: number[]): void {
  const gone = ids.filter((id) => !getRec(env, model, id));
  if (gone.length > 0) throw missing(env, model, gone);
}

export function unlinkRecords(env: Env, model: string, ids: number[]): void {
  const live = ids.filter((id) => getRec(env, model, id));
  if (live.length === 0) return;
  modelDef(env, model).beforeUnlink?.(env, live);
  for (const id of live) {
    deleteRec(env, model, id);
    env.events.push({ model, id, kind: 'unlink', fields: [], before: {} });
  }
  for (const [name, def] of env.registry) {
    for (const [fname, field] of Object.entries(def.fields)) {
      if (field.type !== 'many2one' || field.relation !== model || field.compute || field.related) {
        continue;
      }
      const children = live.flatMap((id) => idsBy(env, name, fname, id));
      if (children.length === 0) continue;
      // Odoo: required many2one default to ondelete restrict, transient ones to cascade
      const ondelete =
        field.ondelete ?? (def.transient ? 'cascade' : field.required ? 'restrict' : 'set null');
      if (ondelete === 'cascade') unlinkRecords(env, name, children);
      else if (ondelete === 'restrict') {
        throw validationError(
          `The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\nModel: ${def.description} (${name})\nConstraint: ${name.replaceAll('.', '_')}_${fname}_fkey`,
        );
      } else children.forEach((id) => ((getRec(env, name, id) as Rec)[fname] = false));
    }
  }
}
