import { accessError, valueError } from '../errors';
import { isReadonlyUid } from '../users';
import { compareScalar } from '../domain/compare';
import { read } from './read';
import { displayName, modelDef } from './records';
import { search } from './search';
import type { Env, MethodDef, Vals } from './types';
import { assertExist, createRecords, unlinkRecords, writeRecords } from './write';

const FIELD_ATTRIBUTES = [
  'type',
  'string',
  'relation',
  'selection',
  'required',
  'readonly',
  'store',
  'help',
];

function fieldsGet(env: Env, model: string, allfields: unknown, attributes: unknown) {
  const def = modelDef(env, model);
  const wanted =
    Array.isArray(allfields) && allfields.length > 0
      ? (allfields as string[])
      : Object.keys(def.fields);
  const attrs =
    Array.isArray(attributes) && attributes.length > 0
      ? (attributes as string[])
      : FIELD_ATTRIBUTES;
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of wanted) {
    const f = def.fields[name];
    if (!f) continue;
    const full: Record<string, unknown> = {
      type: f.type,
      string: f.string,
      required: f.required ?? false,
      readonly: f.readonly ?? Boolean(f.compute),
      store: !f.compute,
      help: false,
      ...(f.relation ? { relation: f.relation } : {}),
      ...(f.selection ? { selection: f.selection } : {}),
    };
    result[name] = Object.fromEntries(Object.entries(full).filter(([k]) => attrs.includes(k)));
  }
  return result;
}

function nameSearch(env: Env, model: string, args: Record<string, unknown>, domainKw: string) {
  const name = typeof args.name === 'string' ? args.name : '';
  const operator = typeof args.operator === 'string' ? args.operator : 'ilike';
  const limit = typeof args.limit === 'number' ? args.limit : 100;
  const ids = search(env, model, args[domainKw] ?? []);
  return ids
    .map((id) => [id, displayName(env, model, id)] as [number, string])
    .filter(([, label]) => name === '' || compareScalar(label, operator, name))
    .slice(0, limit);
}

const asIds = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : []);

/** The BaseModel methods every model answers, shaped per version. */
export function baseMethods(env: Env, model: string): Record<string, MethodDef> {
  const domainKw = env.profile.nameSearchDomainKw;
  const methods: Record<string, MethodDef> = {
    search_read: {
      params: ['domain', 'fields', 'offset', 'limit', 'order', 'load'],
      model: true,
      read: true,
      run: (e, _ids, a) => read(e, model, search(e, model, a.domain, a), a.fields, a.load),
    },
    search: {
      params: [
        'domain',
        'offset',
        'limit',
        'order',
        ...(env.profile.version === 16 ? ['count'] : []),
      ],
      model: true,
      read: true,
      run: (e, _ids, a) =>
        a.count === true ? search(e, model, a.domain).length : search(e, model, a.domain, a),
    },
    search_count: {
      params: env.profile.version === 16 ? ['domain'] : ['domain', 'limit'],
      model: true,
      read: true,
      run: (e, _ids, a) => search(e, model, a.domain, { limit: a.limit }).length,
    },
    read: {
      params: ['fields', 'load'],
      read: true,
      run: (e, ids, a) => read(e, model, ids, a.fields, a.load),
    },
    create: {
      params: ['vals_list'],
      model: true,
      run: (e, _ids, a) => {
        const single = !Array.isArray(a.vals_list);
        const created = createRecords(e, model, (single ? [a.vals_list] : a.vals_list) as Vals[]);
        return single ? created[0] : created;
      },
    },
    write: {
      params: ['vals'],
      run: (e, ids, a) => {
        if (typeof a.vals !== 'object' || a.vals === null)
          throw valueError('write() expects a dict of values');
        writeRecords(e, model, ids, a.vals as Vals);
        return true;
      },
    },
    unlink: {
      params: [],
      run: (e, ids) => {
        // Odoo 17 checks access on the records first: a missing id is a MissingError.
        if (e.profile.version === 17) assertExist(e, model, ids);
        unlinkRecords(e, model, ids);
        return true;
      },
    },
    fields_get: {
      params: ['allfields', 'attributes'],
      model: true,
      read: true,
      run: (e, _ids, a) => fieldsGet(e, model, a.allfields, a.attributes),
    },
    name_search: {
      params: ['name', domainKw, 'operator', 'limit'],
      model: true,
      read: true,
      run: (e, _ids, a) => nameSearch(e, model, a, domainKw),
    },
    check_access_rights: {
      params: ['operation', 'raise_exception'],
      model: true,
      read: true,
      run: (e, _ids, a) => checkAccessRights(e, model, a.operation, a.raise_exception),
    },
    default_get: {
      params: ['fields_list'],
      model: true,
      read: true,
      run: (e, _ids, a) => defaultGet(e, model, asIds(a.fields_list) as unknown as string[]),
    },
  };
  if (env.profile.hasNameGet) {
    methods.name_get = {
      params: [],
      read: true,
      run: (e, ids) =>
        ids
          .filter((id) => displayName(e, model, id) !== '')
          .map((id) => [id, displayName(e, model, id)]),
    };
  }
  return methods;
}

const OPERATIONS = ['read', 'write', 'create', 'unlink'];
const VERB: Record<string, string> = { create: 'create', unlink: 'delete', write: 'modify' };

/** The model-level ACL check (`@api.model`, 16–18): only the read-only user lacks rights. */
function checkAccessRights(env: Env, model: string, operation: unknown, raise: unknown): boolean {
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation))
    throw valueError(`Invalid access mode: ${String(operation)}`);
  if (operation === 'read' || !isReadonlyUid(env.uid)) return true;
  if (raise === false) return false;
  const description = modelDef(env, model).description;
  throw accessError(
    `You are not allowed to ${VERB[operation]} '${description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.`,
  );
}

function defaultGet(env: Env, model: string, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(modelDef(env, model).fields)) {
    if ((fields.length === 0 || fields.includes(name)) && f.default !== undefined)
      out[name] = f.default;
  }
  return out;
}
