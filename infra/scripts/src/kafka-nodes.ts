import { join } from 'node:path';
import { infraEnv } from './env';
import { managed, type Managed } from './processes';

export interface KafkaNode {
  id: number;
  /** host:port clients use. */
  address: string;
  host: string;
  port: number;
  controllerPort: number;
  /** The SASL/SCRAM listener: broker port + 2. */
  saslPort: number;
  managed: Managed;
}

/**
 * One KRaft node (broker and controller in one process) per address in KAFKA_BROKERS; the
 * controller listens on the broker port + 1, SASL clients on the broker port + 2. One address is the development default; three make
 * the failover cluster (replication factor 3, min.insync.replicas 2).
 */
export function kafkaNodes(brokers = infraEnv.kafkaBrokers): KafkaNode[] {
  const addresses = brokers
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return addresses.map((address, i) => {
    const [host = '127.0.0.1', port = '9092'] = address.split(':');
    return {
      id: i + 1,
      address,
      host,
      port: Number(port),
      controllerPort: Number(port) + 1,
      saslPort: Number(port) + 2,
      managed: managed(addresses.length > 1 ? `kafka-${i + 1}` : 'kafka'),
    };
  });
}

/** The committed single-node template, with this node's identity, ports and data directory. */
export function nodeProperties(template: string, node: KafkaNode, nodes: KafkaNode[]): string {
  const voters = nodes.map((n) => `${n.id}@${n.host}:${n.controllerPort}`).join(',');
  const replicas = Math.min(3, nodes.length);
  const minIsr = replicas > 1 ? 2 : 1;
  const overrides: Record<string, string | number> = {
    'node.id': node.id,
    'controller.quorum.voters': voters,
    listeners: `PLAINTEXT://${node.host}:${node.port},CONTROLLER://${node.host}:${node.controllerPort},SASL://${node.host}:${node.saslPort}`,
    'advertised.listeners': `PLAINTEXT://${node.host}:${node.port},SASL://${node.host}:${node.saslPort}`,
    'log.dirs': join(node.managed.dir, 'data'),
    'default.replication.factor': replicas,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replicas,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
  };
  // java.util.Properties keeps the last value of a repeated key: the overrides win.
  const lines = Object.entries(overrides).map(([k, v]) => `${k}=${v}`);
  return `${template}\n# node ${node.id} of ${nodes.length}, written by infra/scripts\n${lines.join('\n')}\n`;
}
