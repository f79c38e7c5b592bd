import type { SchemaVersion, Subject } from '../catalogue/schema-files';
import { latestOf } from '../catalogue/schema-files';
import type { Declaration } from './avro-to-ts';
import { declarationsOf } from './avro-to-ts';

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** `OrderAcceptedV1`: the TypeScript name of an event type as written with one version. */
export const versionTypeName = (eventType: string, version: number): string =>
  `${eventType}V${version}`;

/** `orderAcceptedV1Schema`: the constant holding an older version's schema. */
export const versionSchemaConstName = (eventType: string, version: number): string =>
  `${lowerFirst(eventType)}V${version}Schema`;

/** Where the upcaster producing `version` lives, relative to libs/contracts/src/upcasters. */
export const upcasterFile = (subject: Subject, version: number): string =>
  `${subject.domain}/${subject.eventType}.v${version}.ts`;

/**
 * The declarations of an older version: its record as `<Type>V<N>`, and each nested type that
 * differs from the latest declaration of that name (or a type referencing one) as `<Name>V<N>`.
 * Nested types unchanged since are shared with the latest version.
 */
export function olderVersionDeclarations(
  version: SchemaVersion,
  latest: readonly Declaration[],
): Declaration[] {
  const latestText = new Map(latest.map((d) => [d.name, d.text]));
  const suffixed = new Set([version.eventType]);
  for (;;) {
    const renamed = new Set<string>();
    const rename = (name: string) => {
      if (!suffixed.has(name)) return name;
      renamed.add(`${name}V${version.version}`);
      return `${name}V${version.version}`;
    };
    const declarations = declarationsOf(version.schema, rename);
    const differing = declarations.filter(
      (d) => !renamed.has(d.name) && latestText.get(d.name) !== d.text,
    );
    if (differing.length === 0) return declarations.filter((d) => renamed.has(d.name));
    for (const d of differing) suffixed.add(d.name);
  }
}

/**
 * The versioned types of a subject with more than one version: every older version's
 * declarations and `<Type>V<latest>` as an alias of the latest interface.
 */
export function versionDeclarations(
  subject: Subject,
  latest: readonly Declaration[],
): Declaration[] {
  if (subject.versions.length < 2) return [];
  const newest = latestOf(subject);
  const alias = versionTypeName(subject.eventType, newest.version);
  return [
    ...subject.versions.slice(0, -1).flatMap((v) => olderVersionDeclarations(v, latest)),
    {
      name: alias,
      text:
        `/** ${subject.eventType} as written with v${newest.version}, the latest version. */\n` +
        `export type ${alias} = ${subject.eventType};\n`,
    },
  ];
}

/** Each older version's schema constant, for `<domain>.schemas.ts`. */
export const olderSchemaConstants = (subject: Subject, literal: (v: unknown) => string): string[] =>
  subject.versions
    .slice(0, -1)
    .map(
      (v) =>
        `/** Avro schema of ${subject.eventType} v${v.version} (schemas/avro/${v.file}). */\n` +
        `export const ${versionSchemaConstName(subject.eventType, v.version)}: AvroRecordSchema = ${literal(v.schema)};\n`,
    );

/**
 * `libs/contracts/src/generated/upcasters.ts`: the upcaster of every version N > 1, each checked
 * by the compiler against the generated types of versions N-1 and N.
 */
export function renderUpcasters(subjects: readonly Subject[], header: string): string {
  const evolved = subjects.filter((s) => s.versions.length > 1);
  const importName = (s: Subject, version: number) =>
    `upcast${versionTypeName(s.eventType, version)}`;
  const domains = [...new Set(evolved.map((s) => s.domain))].sort();
  const typeImports = domains.map((domain) => {
    const names = evolved
      .filter((s) => s.domain === domain)
      .flatMap((s) => s.versions.map((v) => versionTypeName(s.eventType, v.version)));
    return `import type { ${names.join(', ')} } from './${domain}';\n`;
  });
  const imports = evolved.flatMap((s) =>
    s.versions
      .slice(1)
      .map(
        (v) =>
          `import { upcast as ${importName(s, v.version)} } from '../upcasters/${upcasterFile(s, v.version).replace(/\.ts$/, '')}';\n`,
      ),
  );
  const entry = (s: Subject, version: number) =>
    `    ${version}: ${importName(s, version)} satisfies (previous: ${versionTypeName(s.eventType, version - 1)}) => ${versionTypeName(s.eventType, version)},\n`;
  const entries = evolved.map(
    (s) =>
      `  ${s.eventType}: {\n${s.versions
        .slice(1)
        .map((v) => entry(s, v.version))
        .join('')}  },\n`,
  );
  return [
    header,
    `import type { EventType } from './catalogue';\n${typeImports.join('')}${imports.join('')}`,
    `/** Takes a payload of version N-1 to version N (libs/contracts/src/upcasters/<domain>/<Type>.v<N>.ts). */\n` +
      `export type Upcaster = (previous: never) => unknown;\n`,
    `/** Per event type with more than one version, the upcaster producing each version N > 1. */\n` +
      `export const eventUpcasters: {\n  readonly [T in EventType]?: { readonly [version: number]: Upcaster };\n} = {\n${entries.join('')}};\n`,
  ].join('\n');
}
