import type { Subject } from '../catalogue/schema-files';
import { latestOf } from '../catalogue/schema-files';
import type { TopicMap } from '../catalogue/topic-map';
import { knownServices, upstreamOwner } from '../catalogue/topic-map';

const owners = new Set<string>([...knownServices, upstreamOwner]);
const isConsumer = (name: string) =>
  (knownServices as readonly string[]).includes(name) || /^external:[a-z][a-z0-9-]*$/.test(name);

/**
 * Every event type on exactly one topic, every type has a schema, every topic's key is a required
 * string field of each type it carries, owners are known services, and a topic's domain matches
 * the namespace of the events on it.
 */
export function validateTopicMap(topics: TopicMap, subjects: readonly Subject[]): string[] {
  const problems: string[] = [];
  const subjectsByType = new Map(subjects.map((s) => [s.eventType, s]));
  const topicsByType = new Map<string, string[]>();
  for (const [name, topic] of Object.entries(topics)) {
    const domain = name.split('.')[0]!;
    if (!owners.has(topic.owner)) problems.push(`topic ${name}: unknown owner '${topic.owner}'`);
    for (const consumer of topic.consumers.filter((c) => !isConsumer(c))) {
      problems.push(`topic ${name}: unknown consumer '${consumer}' (a service or external:<name>)`);
    }
    for (const eventType of topic.eventTypes) {
      topicsByType.set(eventType, [...(topicsByType.get(eventType) ?? []), name]);
      const subject = subjectsByType.get(eventType);
      if (!subject) {
        problems.push(`topic ${name}: event type ${eventType} has no schema under avro/`);
        continue;
      }
      if (subject.domain !== domain) {
        problems.push(
          `topic ${name}: ${eventType} is in domain '${subject.domain}', not '${domain}'`,
        );
      }
      const keyField = latestOf(subject).schema.fields.find((f) => f.name === topic.key);
      if (keyField?.type !== 'string') {
        problems.push(
          `topic ${name}: key '${topic.key}' must be a required string field of ${eventType}`,
        );
      }
    }
  }
  for (const [eventType, names] of topicsByType) {
    if (names.length > 1)
      problems.push(`event type ${eventType} is on several topics: ${names.join(', ')}`);
  }
  for (const subject of subjects) {
    if (!topicsByType.has(subject.eventType)) {
      problems.push(`event type ${subject.eventType} (${subject.subject}) is on no topic`);
    }
  }
  return problems;
}
