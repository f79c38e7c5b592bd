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

const repr = (v: unknown): string => JSON.stringify(v)?.replaceAll('"', "'") ?? String(v);

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
  if (!Array.isArray(term) || term.length !== 3) throw valueError(`Invalid leaf ${repr(term)}`);
  const [path, rawOp, value] = term as [unknown, unknown, unknown];
  if ((path === 1 || path === 0) && rawOp === '=' && value === 1) {
    return { kind: 'const', value: path === 1 };
  }
  const op =
    typeof rawOp === 'string' ? (rawOp.toLowerCase() === '<>' ? '!=' : rawOp.toLowerCase()) : '';
  if (typeof path !== 'string' || !operators.includes(op)) {
    throw valueError(`Invalid leaf ${repr(term)}`);
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
