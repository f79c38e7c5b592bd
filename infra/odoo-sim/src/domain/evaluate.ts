import { valueError } from '../errors';
import { allRecs, displayName, fieldDef, idsBy, modelDef, rawValue, viewRec } from '../orm/records';
import type { Env, FieldDef, Rec } from '../orm/types';
import { compareScalar, isNull } from './compare';
import { mentionsActive, parseDomain, pyRepr, type DomainNode, type Leaf } from './parse';

const NEGATIVE: Record<string, string> = {
  '!=': '=',
  'not like': 'like',
  'not ilike': 'ilike',
  'not in': 'in',
};

/** Sub-searches of one search (a dotted path's or `any`'s), run once instead of per record. */
type Memo = Map<Leaf, Set<number>>;

/** Ids of `model` matching `domain`, in id order, with active_test applied. */
export function filterIds(env: Env, model: string, domain: unknown): number[] {
  const node = parseDomain(domain, env.profile.hasAnyOperator);
  const def = modelDef(env, model);
  validate(env, model, node);
  const activeTest =
    'active' in def.fields && env.context.active_test !== false && !mentionsActive(node);
  const memo: Memo = new Map();
  const narrowed = candidates(env, model, node, memo);
  const records = narrowed
    ? narrowed.flatMap((id) => viewRec(env, model, id) ?? [])
    : allRecs(env, model);
  return records
    .filter((rec) => (!activeTest || rec.active !== false) && evaluate(env, model, rec, node, memo))
    .map((rec) => rec.id);
}

function evaluate(env: Env, model: string, rec: Rec, node: DomainNode, memo: Memo): boolean {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'not':
      return !evaluate(env, model, rec, node.a, memo);
    case 'and':
      return evaluate(env, model, rec, node.a, memo) && evaluate(env, model, rec, node.b, memo);
    case 'or':
      return evaluate(env, model, rec, node.a, memo) || evaluate(env, model, rec, node.b, memo);
    default:
      return evaluateLeaf(env, model, rec, node, memo);
  }
}

const INDEXED: Record<string, string[]> = {
  number: ['many2one', 'many2many', 'integer'],
  string: ['char', 'selection'],
};

/**
 * Ids that may match (a superset, evaluated afterwards) from the stored fields' indexes: an
 * `=`/`in` leaf on a stored field, or a dotted leaf through a stored many2one; undefined when
 * only a scan can tell.
 */
function candidates(env: Env, model: string, node: DomainNode, memo: Memo): number[] | undefined {
  if (node.kind === 'and') {
    const a = candidates(env, model, node.a, memo);
    const b = candidates(env, model, node.b, memo);
    if (!a || !b) return a ?? b;
    const inB = new Set(b);
    return a.filter((id) => inB.has(id));
  }
  if (node.kind !== 'leaf') return undefined;
  const [head = '', ...rest] = node.path.split('.');
  const values =
    node.op === '=' ? [node.value] : node.op === 'in' ? (node.value as unknown[]) : undefined;
  if (node.path === 'id' && Array.isArray(values) && values.every((v) => typeof v === 'number'))
    return [...new Set(values)].sort((a, b) => a - b);
  const field = env.registry.get(model)?.fields[head];
  if (!field || field.compute || field.related) return undefined;
  if (rest.length > 0) {
    if (field.type !== 'many2one' || !field.relation) return undefined;
    return union(env, model, head, [...subSearch(env, field.relation, node, memo)]);
  }
  const indexed = (v: unknown) => (v !== '' && INDEXED[typeof v]?.includes(field.type)) ?? false;
  return Array.isArray(values) && values.every(indexed)
    ? union(env, model, head, values)
    : undefined;
}

function union(env: Env, model: string, field: string, values: unknown[]): number[] {
  const ids = new Set(values.flatMap((v) => idsBy(env, model, field, v)));
  return [...ids].sort((a, b) => a - b);
}

/** A dotted leaf's search on its relation (`order_id.name = X` → sale.order `name = X`). */
function subSearch(env: Env, relation: string, leaf: Leaf, memo: Memo): Set<number> {
  let sub = memo.get(leaf);
  if (!sub) {
    const rest = leaf.path.split('.').slice(1).join('.');
    sub = new Set(filterIds(env, relation, [[rest, leaf.op, leaf.value]]));
    memo.set(leaf, sub);
  }
  return sub;
}

function relatedIds(value: unknown): number[] {
  if (Array.isArray(value)) return value as number[];
  return typeof value === 'number' ? [value] : [];
}

function evaluateLeaf(env: Env, model: string, rec: Rec, leaf: Leaf, memo: Memo): boolean {
  const [head = '', ...rest] = leaf.path.split('.');
  const field = head === 'id' ? undefined : fieldDef(env, model, head);
  const actual = head === 'id' ? rec.id : rawValue(env, model, rec, head);
  const relation = field?.relation;
  if (rest.length > 0) {
    if (!relation) throw valueError(`Invalid field '${leaf.path}' on model '${model}'`);
    const sub = subSearch(env, relation, leaf, memo);
    return relatedIds(actual).some((id) => sub.has(id));
  }
  if (leaf.op === 'any' || leaf.op === 'not any') {
    if (!relation) throw valueError(`Invalid leaf ${leaf.path}: 'any' needs a relational field`);
    let sub = memo.get(leaf);
    if (!sub) memo.set(leaf, (sub = new Set(filterIds(env, relation, leaf.value))));
    const hit = relatedIds(actual).some((id) => sub.has(id));
    return leaf.op === 'any' ? hit : !hit;
  }
  if (leaf.op === 'child_of' || leaf.op === 'parent_of') {
    const target = relation ?? model;
    const roots = resolveIds(env, target, leaf.value);
    const set = hierarchy(env, target, roots, leaf.op === 'child_of');
    return relatedIds(actual).some((id) => set.has(id));
  }
  if (field && relation) return evaluateRelational(env, field, actual, leaf);
  return compareScalar(actual, leaf.op, leaf.value, field);
}

function evaluateRelational(env: Env, field: FieldDef, actual: unknown, leaf: Leaf): boolean {
  const relation = field.relation ?? '';
  const values = Array.isArray(leaf.value) ? (leaf.value as unknown[]) : [leaf.value];
  const byName = values.some((v) => typeof v === 'string');
  const ids = relatedIds(actual);
  if (byName) {
    const positive = NEGATIVE[leaf.op] ?? leaf.op;
    const matched = new Set(nameMatches(env, relation, positive, leaf.value));
    const hit = ids.some((id) => matched.has(id));
    return NEGATIVE[leaf.op] ? !hit : hit;
  }
  if (field.type === 'many2one') {
    return compareScalar(ids[0] ?? false, leaf.op, leaf.value, field);
  }
  const empty = ids.length === 0;
  switch (leaf.op) {
    case '=':
      return leaf.value === false ? empty : ids.includes(leaf.value as number);
    case '!=':
      return leaf.value === false ? !empty : !ids.includes(leaf.value as number);
    case 'in':
      return values.some((v) => (v === false ? empty : ids.includes(v as number)));
    case 'not in':
      return !values.some((v) => (v === false ? empty : ids.includes(v as number)));
    default:
      return ids.some((id) => compareScalar(id, leaf.op, leaf.value));
  }
}

function nameMatches(env: Env, model: string, op: string, value: unknown): number[] {
  return allRecs(env, model)
    .filter((r) => {
      const name = displayName(env, model, r.id);
      return !isNull(name) && compareScalar(name, op, value);
    })
    .map((r) => r.id);
}

function resolveIds(env: Env, model: string, value: unknown): number[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.flatMap((v) =>
    typeof v === 'string' ? nameMatches(env, model, 'ilike', v) : typeof v === 'number' ? [v] : [],
  );
}

/** child_of follows the parent field downwards, parent_of upwards. */
function hierarchy(env: Env, model: string, roots: number[], down: boolean): Set<number> {
  const parentField = model === 'stock.location' ? 'location_id' : 'parent_id';
  if (!(parentField in modelDef(env, model).fields)) return new Set(roots);
  const records = allRecs(env, model);
  const result = new Set(roots);
  let frontier = roots;
  while (frontier.length > 0) {
    const current = new Set(frontier);
    frontier = down
      ? records
          .filter((r) => current.has(r[parentField] as number) && !result.has(r.id))
          .map((r) => r.id)
      : records
          .filter((r) => current.has(r.id) && typeof r[parentField] === 'number')
          .map((r) => r[parentField] as number)
          .filter((id) => !result.has(id));
    frontier.forEach((id) => result.add(id));
  }
  return result;
}

/** Unknown fields fail even when no record would be evaluated, as the SQL compiler does. */
function validate(env: Env, model: string, node: DomainNode): void {
  if (node.kind === 'const') return;
  if (node.kind !== 'leaf') {
    validate(env, model, node.a);
    if (node.kind !== 'not') validate(env, model, node.b);
    return;
  }
  let current = model;
  const parts = node.path.split('.');
  parts.forEach((part, i) => {
    if (part === 'id' && i === parts.length - 1) return;
    const field = env.registry.get(current)?.fields[part];
    // expression.parse: an unknown field names the model and prints the normalised leaf.
    if (!field && i === 0)
      throw valueError(
        `Invalid field ${model}.${part} in leaf ${pyRepr([node.path, node.op, node.value], true)}`,
      );
    if (!field || (i < parts.length - 1 && !field.relation)) {
      throw valueError(`Invalid field '${node.path}' on model '${model}'`);
    }
    current = field.relation ?? current;
  });
}
