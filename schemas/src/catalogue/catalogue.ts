import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { avroDir, topicMapFile, upcastersDir } from './paths';
import type { Subject } from './schema-files';
import { loadSubjects } from './schema-files';
import type { TopicMap } from './topic-map';
import { loadTopicMap } from './topic-map';

/** The upcaster files found, by path relative to their directory (`sales/OrderAccepted.v2.ts`). */
export interface Upcasters {
  readonly dir: string;
  /** File → its source text. */
  readonly files: ReadonlyMap<string, string>;
}

export interface Catalogue {
  readonly subjects: readonly Subject[];
  readonly topics: TopicMap;
  readonly upcasters: Upcasters;
}

export interface CatalogueDirs {
  avroDir: string;
  topicMapFile: string;
  /** Default: libs/contracts/src/upcasters. */
  upcastersDir?: string;
}

export function loadCatalogue(dirs: CatalogueDirs = { avroDir, topicMapFile }): Catalogue {
  return {
    subjects: loadSubjects(dirs.avroDir),
    topics: loadTopicMap(dirs.topicMapFile),
    upcasters: loadUpcasters(dirs.upcastersDir ?? upcastersDir),
  };
}

export function loadUpcasters(dir: string): Upcasters {
  const names = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [];
  const files = names
    .filter((name) => name.endsWith('.ts'))
    .map((name) => [name.split('\\').join('/'), readFileSync(join(dir, name), 'utf8')] as const);
  return { dir, files: new Map(files) };
}

/** The topic carrying each event type (validation guarantees there is exactly one). */
export function topicByEventType(topics: TopicMap): Map<string, string> {
  return new Map(
    Object.entries(topics).flatMap(([topic, { eventTypes }]) =>
      eventTypes.map((eventType) => [eventType, topic] as const),
    ),
  );
}
