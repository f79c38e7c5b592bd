// The kafkajs internals we reach into; kafkajs ships no types for them. The request queue (see
// request-queue-patch.ts):
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: {
    new (options: Record<string, unknown>): unknown;
    prototype: { scheduleCheckPendingRequests(): void };
  };
  export default RequestQueue;
}

// The cluster's coordinator lookup (see coordinator-cache-patch.ts).
declare module 'kafkajs/src/cluster/index.js' {
  type Broker = { nodeId: number };
  const Cluster: {
    new (options: Record<string, unknown>): unknown;
    prototype: {
      findGroupCoordinator(args: { groupId: string; coordinatorType?: number }): Promise<Broker>;
      findBroker(args: { nodeId: number }): Promise<Broker>;
    };
  };
  export default Cluster;
}
