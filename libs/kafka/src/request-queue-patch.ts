// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- reaches every project that compiles this file
/// <reference path="./kafkajs-internals.d.ts" />
// kafkajs 2.2.4 keeps a 1 ms timer loop alive on every broker connection, forever: after any
// response, its request queue schedules a check of pending requests with a negative delay
// (Node runs it after 1 ms, and Node 24 warns: TimeoutNegativeWarning), and each check
// schedules the next one, pending requests or not (tulios/kafkajs#1556, #1704, #1751). On this
// project's 2-core reference machine that is about 20 ms of CPU per second per connection, i.e.
// most of an idle service's CPU. The fix is the one proposed upstream (#1667, #1768): with
// nothing pending and no throttle to wait out there is nothing to check, so no timer. Requests
// queued later schedule their own check; responses and timeouts check the queue as before.
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

// kafkajs' own interval between checks while requests wait behind max in-flight requests.
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface QueueState {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

let patched = false;

/** Replaces kafkajs' scheduleCheckPendingRequests once per process; idempotent. */
export function patchKafkajsRequestQueue(): void {
  if (patched) return;
  patched = true;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: QueueState) {
    if (this.throttleCheckTimeoutId) return;
    const throttledFor = this.throttledUntil - Date.now();
    let delay: number;
    if (this.pending.length > 0)
      delay = throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS;
    else if (throttledFor > 0) delay = throttledFor;
    else return;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
}
