import { topicCatalogue, topicSpecOf, type TopicName } from '@o2c/contracts';
import type { TopicSpec } from '@o2c/kafka';
import { relayName } from '@o2c/outbox';
import { listServices } from '../services';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';

/** The topic every outbox relay commits its checkpoint offsets to (libs/outbox). */
export const CHECKPOINT_TOPIC = 'outbox-relay.checkpoints';

export interface ProvisionPlan {
  topics: TopicSpec[];
  acls: AclEntry[];
}

const topicNames = Object.keys(topicCatalogue) as TopicName[];
const { ALLOW } = AclPermissionTypes;
const { LITERAL, PREFIXED } = ResourcePatternTypes;
const { READ, WRITE, DESCRIBE, CREATE } = AclOperationTypes;

const grant = (
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  resourcePatternType: ResourcePatternTypes,
  operations: AclOperationTypes[],
): AclEntry[] =>
  operations.map((operation) => ({
    principal: `User:${principal}`,
    host: '*',
    resourceType,
    resourceName,
    resourcePatternType,
    operation,
    permissionType: ALLOW,
  }));

/** Services that read every dead-letter topic's end offsets (flow-watch's dead-letter rate). */
const DEAD_LETTER_WATCHERS: readonly string[] = ['flow-watch'];

/**
 * What a service may do on the cluster, from the topic map: write and describe the topics it
 * owns; read and describe the topics it consumes, and create and write their dead-letter topics
 * (`<topic>.dlq.<group>`, made on first use); read its consumer groups (named after the
 * service); use its relay's transactional id and checkpoint group (`outbox-relay-<service>…`);
 * a dead-letter watcher also describes the other topics' dead-letter topics (their end offsets).
 * Nothing else: no topic of another service, no cluster operation.
 */
export function servicePermissions(service: string, prefix = ''): AclEntry[] {
  const owned = topicNames.filter((t) => topicCatalogue[t].owner === service);
  const consumed = topicNames.filter((t) => topicCatalogue[t].consumers.includes(service));
  const { TOPIC, GROUP, TRANSACTIONAL_ID } = AclResourceTypes;
  return [
    ...owned.flatMap((t) => grant(service, TOPIC, prefix + t, LITERAL, [WRITE, DESCRIBE])),
    ...consumed.flatMap((t) => grant(service, TOPIC, prefix + t, LITERAL, [READ, DESCRIBE])),
    ...consumed.flatMap((t) =>
      grant(service, TOPIC, `${prefix}${t}.dlq.`, PREFIXED, [CREATE, WRITE, DESCRIBE]),
    ),
    ...(DEAD_LETTER_WATCHERS.includes(service)
      ? topicNames
          .filter((t) => !consumed.includes(t))
          .flatMap((t) => grant(service, TOPIC, `${prefix}${t}.dlq.`, PREFIXED, [DESCRIBE]))
      : []),
    ...grant(service, TOPIC, CHECKPOINT_TOPIC, LITERAL, [READ, DESCRIBE]),
    ...grant(service, GROUP, service, PREFIXED, [READ]),
    ...grant(service, GROUP, relayName(service), PREFIXED, [READ]),
    ...grant(service, TRANSACTIONAL_ID, relayName(service), PREFIXED, [WRITE, DESCRIBE]),
  ];
}

/** Every topic of the topic map (with `prefix`), the checkpoint topic, and each service's ACLs. */
export function provisionPlan(prefix = ''): ProvisionPlan {
  return {
    topics: [
      ...topicNames.map((t) => topicSpecOf(t, prefix)),
      { topic: CHECKPOINT_TOPIC, numPartitions: 1 },
    ],
    acls: listServices().flatMap((s) => servicePermissions(s.name, prefix)),
  };
}
