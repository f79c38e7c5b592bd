import Cluster from 'kafkajs/src/cluster/index.js';
import { COORDINATOR_TTL_MS, patchKafkajsCoordinatorLookup } from '../src/coordinator-cache-patch';

/** A cluster client whose FindCoordinator answers are counted and whose brokers can vanish. */
function fakeCluster(coordinator: { nodeId: number }) {
  const gone = new Set<number>();
  const cluster = Object.assign(Object.create(Cluster.prototype) as typeof Cluster.prototype, {
    lookups: 0,
    gone,
    retrier: <T>(fn: (bail: (e: Error) => never, n: number, t: number) => Promise<T>) =>
      fn(
        (e) => {
          throw e;
        },
        0,
        0,
      ),
    findGroupCoordinatorMetadata() {
      cluster.lookups += 1;
      return Promise.resolve({ coordinator: { ...coordinator } });
    },
    findBroker({ nodeId }: { nodeId: number }) {
      if (gone.has(nodeId)) return Promise.reject(new Error(`broker ${nodeId} not found`));
      return Promise.resolve({ nodeId });
    },
  });
  return cluster;
}

describe("kafkajs' coordinator lookup, patched", () => {
  beforeAll(() => patchKafkajsCoordinatorLookup());
  afterEach(() => jest.useRealTimers());

  it('asks once per group and coordinator type within the TTL (unpatched: on every call)', async () => {
    const cluster = fakeCluster({ nodeId: 1 });
    for (let i = 0; i < 4; i++) {
      expect(await cluster.findGroupCoordinator({ groupId: 'tx-1', coordinatorType: 1 })).toEqual({
        nodeId: 1,
      });
    }
    await cluster.findGroupCoordinator({ groupId: 'tx-1' });
    await cluster.findGroupCoordinator({ groupId: 'group-a' });
    expect(cluster.lookups).toBe(3);
    // Another client of the same process asks for itself.
    const other = fakeCluster({ nodeId: 1 });
    await other.findGroupCoordinator({ groupId: 'tx-1', coordinatorType: 1 });
    expect(other.lookups).toBe(1);
  });

  it('asks again once the TTL has passed, and at once when the broker it named is gone', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const coordinator = { nodeId: 1 };
    const cluster = fakeCluster(coordinator);
    await cluster.findGroupCoordinator({ groupId: 'g' });
    jest.setSystemTime(1_000_000 + COORDINATOR_TTL_MS);
    coordinator.nodeId = 2;
    expect(await cluster.findGroupCoordinator({ groupId: 'g' })).toEqual({ nodeId: 2 });
    expect(cluster.lookups).toBe(2);

    coordinator.nodeId = 3;
    cluster.gone.add(2);
    expect(await cluster.findGroupCoordinator({ groupId: 'g' })).toEqual({ nodeId: 3 });
    expect(cluster.lookups).toBe(3);
  });
});
