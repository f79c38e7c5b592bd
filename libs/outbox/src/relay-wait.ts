export interface IdleWait {
  /** Ends after `ms`, or earlier at a wake-up that arrives meanwhile. */
  pause(ms: number): Promise<void>;
  /** One round trip on the session, so the server does not end it as idle. */
  ping(): Promise<void>;
  /** A wake-up arrived, or the relay should stop waiting. */
  done(): boolean;
}

/**
 * Waits up to `ms`, pinging every `pingEveryMs`. A wake-up during a ping ends the wait too: it
 * found no pause to end, and the next pause would have run its whole length.
 */
export async function waitIdle(ms: number, pingEveryMs: number, wait: IdleWait): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await wait.pause(Math.min(until - Date.now(), pingEveryMs));
    if (wait.done() || Date.now() >= until) return;
    await wait.ping();
    if (wait.done()) return;
  }
}
