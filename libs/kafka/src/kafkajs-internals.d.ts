// The one kafkajs internal we reach into (see request-queue-patch.ts); kafkajs ships no types for it.
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: {
    new (options: Record<string, unknown>): unknown;
    prototype: { scheduleCheckPendingRequests(): void };
  };
  export default RequestQueue;
}
