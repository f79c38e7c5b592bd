import avro from 'avsc';
import type { schema } from 'avsc';
import type { SchemaVersion } from '../catalogue/schema-files';
import { namespaceOf } from '../catalogue/schema-files';

type AnySchema = schema.AvroSchema;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasDoc = (node: { doc?: unknown }) => typeof node.doc === 'string' && node.doc.trim() !== '';

/** Conventions avsc does not enforce: docs everywhere, names matching files, optional = ["null", T]. */
export function lintSchemaVersion(version: SchemaVersion): string[] {
  const { file, schema } = version;
  const problems: string[] = [];
  const expectedNamespace = namespaceOf(version.domain);
  if (schema.type !== 'record') problems.push(`${file}: top level must be a record`);
  if (schema.name !== version.eventType) {
    problems.push(
      `${file}: record name '${schema.name}' must equal the file name '${version.eventType}'`,
    );
  }
  if (schema.namespace !== expectedNamespace) {
    problems.push(
      `${file}: namespace '${String(schema.namespace)}' must be '${expectedNamespace}' (its directory)`,
    );
  }
  try {
    avro.Type.forSchema(schema);
  } catch (error) {
    problems.push(`${file}: avsc rejects the schema: ${(error as Error).message}`);
    return problems;
  }
  lintNode(schema, schema.name, problems, file);
  return problems;
}

function lintNode(node: AnySchema, path: string, problems: string[], file: string): void {
  if (Array.isArray(node)) {
    node.forEach((branch) => lintNode(branch, path, problems, file));
    return;
  }
  if (!isObject(node)) return;
  if (node.type === 'record' || node.type === 'error') {
    const record = node as schema.RecordType;
    if (!hasDoc(record)) problems.push(`${file}: record ${path} has no doc`);
    for (const field of record.fields) {
      const fieldPath = `${path}.${field.name}`;
      if (!hasDoc(field)) problems.push(`${file}: field ${fieldPath} has no doc`);
      lintOptional(field, fieldPath, problems, file);
      lintNode(field.type as AnySchema, fieldPath, problems, file);
    }
  } else if (node.type === 'enum') {
    if (!hasDoc(node)) problems.push(`${file}: enum ${path} has no doc`);
  } else if (node.type === 'array') {
    lintNode((node as schema.ArrayType).items as AnySchema, `${path}[]`, problems, file);
  } else if (node.type === 'map') {
    lintNode((node as schema.MapType).values as AnySchema, `${path}{}`, problems, file);
  }
}

function lintOptional(
  field: schema.RecordType['fields'][number],
  path: string,
  problems: string[],
  file: string,
): void {
  if (!Array.isArray(field.type) || !field.type.includes('null')) return;
  if (field.type[0] !== 'null' || field.default !== null) {
    problems.push(`${file}: optional field ${path} must be ["null", T] with "default": null`);
  }
}
