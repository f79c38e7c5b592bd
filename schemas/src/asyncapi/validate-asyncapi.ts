import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

const blocking = new Set<number>([DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);

/**
 * Validates an AsyncAPI document with the official parser (spec JSON schemas, Avro payload
 * schemas, Kafka bindings, references). Returns the errors and warnings, formatted.
 */
export async function validateAsyncApi(document: string): Promise<string[]> {
  const diagnostics = await new Parser().validate(document);
  return (
    diagnostics
      .filter((d) => blocking.has(d.severity))
      // 3.0 is the version the platform's consumers asked for; 3.1 exists and is not required.
      .filter((d) => d.code !== 'asyncapi-latest-version')
      .map((d) => `${d.path.join('/') || '(root)'}: ${d.message} [${d.code}]`)
  );
}
