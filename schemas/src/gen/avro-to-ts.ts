import type { schema } from 'avsc';
import { CatalogueError } from '../catalogue/catalogue-error';

type Node = schema.AvroSchema;

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

/** A TypeScript declaration generated from a named Avro type. */
export interface Declaration {
  readonly name: string;
  readonly text: string;
}

export const jsDoc = (doc: unknown, indent = ''): string =>
  typeof doc === 'string' && doc.trim() !== ''
    ? `${indent}/** ${doc.trim().replaceAll('*/', '*\\/')} */\n`
    : '';

const shortName = (name: string) => name.split('.').at(-1)!;
// null last reads better: `string | null`.
const union = (members: string[]) =>
  [...new Set(members)].sort((a, b) => Number(a === 'null') - Number(b === 'null')).join(' | ');
const arrayOf = (item: string) => (item.includes(' ') ? `Array<${item}>` : `${item}[]`);

/**
 * Declarations for a record schema and every named type inside it, in dependency-first order.
 * Decoded avsc values are plain objects: longs and timestamp-millis become numbers, optional
 * fields `null` (never undefined), so the interfaces say exactly that. `rename` maps a named
 * type's short name to its TypeScript name (older versions get a `V<N>` suffix).
 */
export function declarationsOf(
  record: schema.RecordType,
  rename: (name: string) => string = (name) => name,
): Declaration[] {
  const declarations: Declaration[] = [];
  const nameOf = (avroName: string) => rename(shortName(avroName));

  const typeOf = (node: Node): string => {
    if (typeof node === 'string') return PRIMITIVES[node] ?? nameOf(node);
    if (Array.isArray(node)) return union(node.map(typeOf));
    const complex = node as { type: string } & Record<string, unknown>;
    switch (complex.type) {
      case 'record':
      case 'error':
        return declareRecord(complex as unknown as schema.RecordType);
      case 'enum':
        return declareEnum(complex as unknown as schema.EnumType);
      case 'array':
        return arrayOf(typeOf(complex.items as Node));
      case 'map':
        return `Record<string, ${typeOf(complex.values as Node)}>`;
      case 'fixed':
        return 'Buffer';
      default:
        return typeOf(complex.type);
    }
  };

  const declareRecord = (node: schema.RecordType): string => {
    const name = nameOf(node.name);
    const fields = node.fields
      .map((field) => `${jsDoc(field.doc, '  ')}  ${field.name}: ${typeOf(field.type as Node)};\n`)
      .join('');
    declarations.push({ name, text: `${jsDoc(node.doc)}export interface ${name} {\n${fields}}\n` });
    return name;
  };

  const declareEnum = (node: schema.EnumType): string => {
    const name = nameOf(node.name);
    const symbols = node.symbols.map((s) => `'${s}'`).join(' | ');
    declarations.push({ name, text: `${jsDoc(node.doc)}export type ${name} = ${symbols};\n` });
    return name;
  };

  typeOf(record);
  return declarations;
}

/** Merges declarations of several schemas; one TypeScript name must mean one shape. */
export function mergeDeclarations(lists: readonly Declaration[][]): Declaration[] {
  const byName = new Map<string, Declaration>();
  for (const declaration of lists.flat()) {
    const existing = byName.get(declaration.name);
    if (existing && existing.text !== declaration.text) {
      throw new CatalogueError(
        'INVALID_SCHEMA',
        `two different Avro types generate the TypeScript type '${declaration.name}': rename one`,
      );
    }
    byName.set(declaration.name, declaration);
  }
  return [...byName.values()];
}
