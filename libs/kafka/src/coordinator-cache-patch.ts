// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- reaches every project that compiles this file
/// <reference path="./kafkajs-internals.d.ts" />
// kafkajs 2.2.4 sends a FindCoordinator request before every call of a transaction
// (AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn): four extra round trips per
// transaction, about a third of the platform's Kafka requests (`npm run bench -- --round-trips`).
// A coordinator moves only when a broker fails or a coordinator partition changes leader, so each
// cluster client remembers the answer for a second. A stale answer costs what a moved coordinator
// costs anyway: the call fails as retriable (NOT_COORDINATOR), and kafkajs retries with back-off,
// past the second; an answer naming a broker that is gone is dropped at once.
import Cluster from 'kafkajs/src/cluster/index.js';

/** How long a cluster client trusts a coordinator it found. */
export const COORDINATOR_TTL_MS = 1000;

interface Lookup {
  groupId: string;
  coordinatorType?: number;
}
type Found = { at: number; nodeId: number };

const known = new WeakMap<object, Map<string, Found>>();
let patched = false;

/** Wraps kafkajs' findGroupCoordinator once per process; idempotent. */
export function patchKafkajsCoordinatorLookup(): void {
  if (patched) return;
  patched = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the cluster as `this`
  const lookup = Cluster.prototype.findGroupCoordinator;
  Cluster.prototype.findGroupCoordinator = async function (this: ClusterLike, args: Lookup) {
    const cache = known.get(this) ?? new Map<string, Found>();
    known.set(this, cache);
    const key = `${args.coordinatorType ?? 0}:${args.groupId}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < COORDINATOR_TTL_MS) {
      try {
        return await this.findBroker({ nodeId: hit.nodeId });
      } catch {
        cache.delete(key);
      }
    }
    const broker = await lookup.call(this, args);
    if (typeof broker.nodeId === 'number')
      cache.set(key, { at: Date.now(), nodeId: broker.nodeId });
    return broker;
  };
}

interface ClusterLike {
  findBroker(args: { nodeId: number }): Promise<{ nodeId: number }>;
}
