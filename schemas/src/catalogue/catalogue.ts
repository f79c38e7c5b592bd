import { avroDir, topicMapFile } from './paths';
import type { Subject } from './schema-files';
import { loadSubjects } from './schema-files';
import type { TopicMap } from './topic-map';
import { loadTopicMap } from './topic-map';

export interface Catalogue {
  readonly subjects: readonly Subject[];
  readonly topics: TopicMap;
}

export function loadCatalogue(dirs = { avroDir, topicMapFile }): Catalogue {
  return { subjects: loadSubjects(dirs.avroDir), topics: loadTopicMap(dirs.topicMapFile) };
}

/** The topic carrying each event type (validation guarantees there is exactly one). */
export function topicByEventType(topics: TopicMap): Map<string, string> {
  return new Map(
    Object.entries(topics).flatMap(([topic, { eventTypes }]) =>
      eventTypes.map((eventType) => [eventType, topic] as const),
    ),
  );
}
