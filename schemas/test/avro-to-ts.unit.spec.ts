import { CatalogueError } from '../src/catalogue/catalogue-error';
import type { RecordSchema } from '../src/catalogue/schema-files';
import { declarationsOf, mergeDeclarations } from '../src/gen/avro-to-ts';

const schema: RecordSchema = {
  type: 'record',
  name: 'ThingHappened',
  namespace: 'o2c.test',
  doc: 'A thing happened.',
  fields: [
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When.' },
    { name: 'note', type: ['null', 'string'], default: null, doc: 'A note, maybe.' },
    {
      name: 'parts',
      doc: 'Parts.',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Part',
          doc: 'A part.',
          fields: [{ name: 'qty', type: 'double', doc: 'How many.' }],
        },
      },
    },
    { name: 'tags', type: { type: 'map', values: 'string' }, doc: 'Tags.' },
    {
      name: 'kind',
      type: { type: 'enum', name: 'Kind', doc: 'Kind.', symbols: ['A', 'B'] },
      doc: 'Its kind.',
    },
    { name: 'again', type: ['null', 'o2c.test.Part'], default: null, doc: 'A named reference.' },
    { name: 'maybeMany', type: { type: 'array', items: ['null', 'int'] }, doc: 'Union items.' },
  ],
};

describe('declarationsOf', () => {
  const declarations = declarationsOf(schema);

  it('declares nested named types before the record that uses them', () => {
    expect(declarations.map((d) => d.name)).toEqual(['Part', 'Kind', 'ThingHappened']);
  });

  it('maps Avro types to what avsc decodes, with docs as JSDoc', () => {
    expect(declarations.at(-1)!.text).toBe(
      [
        '/** A thing happened. */',
        'export interface ThingHappened {',
        '  /** When. */',
        '  at: number;',
        '  /** A note, maybe. */',
        '  note: string | null;',
        '  /** Parts. */',
        '  parts: Part[];',
        '  /** Tags. */',
        '  tags: Record<string, string>;',
        '  /** Its kind. */',
        '  kind: Kind;',
        '  /** A named reference. */',
        '  again: Part | null;',
        '  /** Union items. */',
        '  maybeMany: Array<number | null>;',
        '}',
        '',
      ].join('\n'),
    );
    expect(declarations[1]!.text).toBe("/** Kind. */\nexport type Kind = 'A' | 'B';\n");
  });
});

describe('mergeDeclarations', () => {
  it('keeps one copy of identical declarations and refuses two shapes under one name', () => {
    const a = { name: 'Line', text: 'export interface Line { a: string }' };
    expect(mergeDeclarations([[a], [a]])).toEqual([a]);
    expect(() =>
      mergeDeclarations([[a], [{ name: 'Line', text: 'export interface Line {}' }]]),
    ).toThrow(CatalogueError);
  });
});
