import { isBroker, type ComposeService, type Topology } from './compose-model';

/** What makes each node itself; every other KAFKA_ setting must be the same on all nodes. */
const identity = new Set(['KAFKA_NODE_ID', 'KAFKA_LISTENERS', 'KAFKA_ADVERTISED_LISTENERS']);

/** infra/scripts/src/kafka-nodes.ts decides the same way for the local cluster. */
function expectedReplication(nodes: number): Record<string, string> {
  const replicas = String(Math.min(3, nodes));
  const minIsr = nodes > 1 ? '2' : '1';
  return {
    KAFKA_DEFAULT_REPLICATION_FACTOR: replicas,
    KAFKA_MIN_INSYNC_REPLICAS: minIsr,
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: replicas,
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: replicas,
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: minIsr,
  };
}

/**
 * The Kafka nodes of a topology form one cluster: one cluster id, one quorum naming every node
 * by its id, the same settings everywhere, and replication sized to the number of nodes.
 */
export function checkBrokers(topology: Topology): string[] {
  const nodes = Object.entries(topology.services).filter(([, s]) => isBroker(s));
  if (!nodes.length) return [];
  const where = topology.files.join(' + ');
  const voters = nodes
    .map(([name, s]) => `${s.environment.KAFKA_NODE_ID}@${name}:`)
    .sort()
    .join();
  const shared = (s: ComposeService) =>
    Object.entries(s.environment)
      .filter(([k]) => !identity.has(k))
      .sort(([a], [b]) => a.localeCompare(b));
  const [firstName, first] = nodes[0]!;
  return nodes.flatMap(([name, s]) => {
    const env = s.environment;
    const found: string[] = [];
    const listed = (env.KAFKA_CONTROLLER_QUORUM_VOTERS ?? '')
      .split(',')
      .map((v) => v.replace(/:\d+$/, ':'))
      .sort()
      .join();
    if (listed !== voters)
      found.push(`KAFKA_CONTROLLER_QUORUM_VOTERS must name every node by its id (${voters})`);
    for (const [k, v] of Object.entries(expectedReplication(nodes.length)))
      if (env[k] !== v)
        found.push(`${k}=${env[k] ?? '(unset)'}: ${nodes.length} node(s) want ${v}`);
    if (name !== firstName && JSON.stringify(shared(s)) !== JSON.stringify(shared(first)))
      found.push(`its settings differ from ${firstName}'s beyond node id and listeners`);
    return found.map((p) => `${where}: service ${name}: ${p}`);
  });
}
