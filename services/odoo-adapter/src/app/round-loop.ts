/**
 * Runs `round` every `intervalMs` after the previous round ends, and at once on `kick`. Rounds
 * never overlap: a kick during one runs another right after it. `round` is told when the loop is
 * stopping, so a long round can end early.
 */
export function createRoundLoop(
  round: (stopping: () => boolean) => Promise<void>,
  intervalMs: number,
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = round(() => stopped).finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) {
        again = false;
        void run();
      } else timer = setTimeout(() => void run(), intervalMs);
    });
    return running;
  };

  return {
    /** One round now (tests, and right after a webhook). */
    round: run,
    start() {
      stopped = false;
      void run();
    },
    /** Something is due now. */
    kick() {
      if (!stopped) void run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
