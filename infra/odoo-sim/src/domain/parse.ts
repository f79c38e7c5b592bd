import { valueError } from '../errors';

export type Leaf = { kind: 'leaf'; path: string; op: string; value: unknown };
export type DomainNode =
  | Leaf
  | { kind: 'const'; value: boolean }
  | { kind: 'not'; a: DomainNode }
  | { kind: 'and' | 'or'; a: DomainNode; b: DomainNode };

const BASE_OPERATORS = [
  '=',
  '!=',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
];

/** Python's repr of a JSON value (what Odoo's messages print): 'str', True, None, [a, b]. */
export function pyRepr(v: unknown, tuple = false): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string')
    return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replaceAll("'", "\\'")}'`;
  if (Array.isArray(v)) {
    const inner = v.map((x) => pyRepr(x)).join(', ');
    if (!tuple) return `[${inner}]`;
    return v.length === 1 ? `(${inner},)` : `(${inner})`;
  }
  if (typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
      .join(', ')}}`;
  return typeof v === 'number' ? String(v) : 'None';
}
const repr = (v: unknown) => pyRepr(v);
/** Odoo 17 prints a leaf as the tuple it normalised it to: `('name', 'likes', 'x')`. */
const leafRepr = (v: unknown) => pyRepr(v, true);

/** Parses Odoo's prefix (Polish) notation with implicit AND between top-level terms. */
export function parseDomain(domain: unknown, allowAny: boolean): DomainNode {
  if (domain === false || domain === null || domain === undefined)
    return { kind: 'const', value: true };
  if (!Array.isArray(domain)) throw valueError(`Invalid domain ${repr(domain)}`);
  const operators = allowAny ? [...BASE_OPERATORS, 'any', 'not any'] : BASE_OPERATORS;
  let pos = 0;
  const next = (): DomainNode => {
    if (pos >= domain.length) throw valueError(`Invalid domain ${repr(domain)}: missing operand`);
    const term: unknown = domain[pos++];
    if (term === '&' || term === '|') {
      const a = next();
      const b = next();
      return { kind: term === '&' ? 'and' : 'or', a, b };
    }
    if (term === '!') return { kind: 'not', a: next() };
    return parseLeaf(term, operators);
  };
  let node: DomainNode = { kind: 'const', value: true };
  let first = true;
  while (pos < domain.length) {
    const term = next();
    node = first ? term : { kind: 'and', a: node, b: term };
    first = false;
  }
  return node;
}

function parseLeaf(term: unknown, operators: string[]): DomainNode {
  if (!Array.isArray(term) || term.length !== 3) throw valueError(`Invalid leaf ${leafRepr(term)}`);
  const [path, rawOp, value] = term as [unknown, unknown, unknown];
  if ((path === 1 || path === 0) && rawOp === '=' && value === 1) {
    return { kind: 'const', value: path === 1 };
  }
  const op =
    typeof rawOp === 'string' ? (rawOp.toLowerCase() === '<>' ? '!=' : rawOp.toLowerCase()) : '';
  if (typeof path !== 'string' || !operators.includes(op)) {
    throw valueError(`Invalid leaf ${leafRepr(term)}`);
  }
  return { kind: 'leaf', path, op, value };
}

/** Whether a domain already constrains `active` (then active_test does not apply). */
export function mentionsActive(node: DomainNode): boolean {
  switch (node.kind) {
    case 'leaf':
      return node.path === 'active';
    case 'const':
      return false;
    case 'not':
      return mentionsActive(node.a);
    default:
      return mentionsActive(node.a) || mentionsActive(node.b);
  }
}
