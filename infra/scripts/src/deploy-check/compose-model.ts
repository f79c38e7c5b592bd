import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
}

/** The services of one topology: a base file and the override files layered on it (`-f a -f b`). */
export interface Topology {
  name: string;
  files: string[];
  services: Record<string, ComposeService>;
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists compose merges by appending (a port published twice is an error of the file, not ours). */
const appended = new Set(['ports', 'expose', 'volumes', 'dns', 'extra_hosts', 'env_file']);

/** Compose's override rules, as far as our files use them: maps merge, lists replace or append. */
function merge(base: unknown, over: unknown, key = ''): unknown {
  if (isMap(base) && isMap(over)) {
    const out: Json = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v, k);
    return out;
  }
  if (Array.isArray(base) && Array.isArray(over) && appended.has(key))
    return [...(base as unknown[]), ...(over as unknown[])];
  return over === undefined ? base : over;
}

/** `environment` as a map of strings, from either of its forms (map or `KEY=value` list). */
function environmentOf(raw: unknown): Record<string, string> {
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const [k = '', ...rest] = String(entry).split('=');
        return [k, rest.join('=')];
      }),
    );
  }
  if (!isMap(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v as string | number)]),
  );
}

export function readComposeFile(root: string, file: string): Json {
  // merge: true resolves YAML merge keys (<<: *anchor) as compose does.
  const doc: unknown = parse(readFileSync(resolve(root, file), 'utf8'), { merge: true });
  if (!isMap(doc)) throw new Error(`${file}: not a YAML map`);
  return doc;
}

export function loadTopology(root: string, name: string, files: string[]): Topology {
  const merged = files.map((f) => readComposeFile(root, f)).reduce((a, b) => merge(a, b) as Json);
  const raw = isMap(merged.services) ? merged.services : {};
  const services = Object.fromEntries(
    Object.entries(raw).map(([svc, def]) => {
      const d = isMap(def) ? def : {};
      const service: ComposeService = { ...d, environment: environmentOf(d.environment) };
      return [svc, service];
    }),
  );
  return { name, files, services };
}

export const commandOf = (s: ComposeService): string[] =>
  Array.isArray(s.command) ? s.command.map(String) : s.command ? s.command.split(/\s+/) : [];

export const dependenciesOf = (s: ComposeService): string[] =>
  Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});

/** A Kafka node (the apache/kafka image, KRaft). */
export const isBroker = (s: ComposeService): boolean => (s.image ?? '').startsWith('apache/kafka');
