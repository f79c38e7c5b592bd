import type { Logger, Tracing } from '@o2c/observability';

interface Runnable {
  logger: Logger;
  migrate(): Promise<string[]>;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Resolves when start-up failed for good: the process then stops and exits 1. */
  failed?: Promise<Error>;
}

/**
 * Process wiring shared by every main.ts: start, stop gracefully on SIGTERM/SIGINT, force exit
 * after `graceMs`, and treat unhandled rejections and permanent start-up failures (bad
 * credentials, a missing database) as catastrophic: log, stop, exit non-zero.
 */
export async function runMain(app: Runnable, graceMs = 10_000, tracing?: Tracing): Promise<void> {
  const shutdown = (code: number, reason: string) => {
    app.logger.info({ reason }, 'shutting down');
    setTimeout(() => {
      app.logger.error({ graceMs }, 'graceful shutdown timed out; exiting');
      process.exit(code || 1);
    }, graceMs).unref();
    app
      .stop()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(code),
        (error: unknown) => {
          app.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown(0, 'SIGTERM'));
  process.once('SIGINT', () => shutdown(0, 'SIGINT'));
  process.on('unhandledRejection', (error) => {
    app.logger.fatal({ err: error }, 'unhandled rejection');
    shutdown(1, 'unhandled rejection');
  });
  void app.failed?.then((error) => shutdown(1, `start-up failed: ${error.message}`));
  await app.start();
}

/**
 * Starts tracing (first, so every span joins it), builds the app from the environment; a
 * configuration error is printed plainly and exits 2. `main.ts migrate` applies the migrations
 * and exits instead of serving.
 */
export function main(
  build: () => Runnable,
  startTracing: () => Tracing,
  argv = process.argv.slice(2),
): void {
  let app: Runnable;
  let tracing: Tracing;
  try {
    tracing = startTracing();
    app = build();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (argv[0] === 'migrate') {
    app.migrate().then(
      (applied) => {
        app.logger.info({ applied }, 'migrations up to date');
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.fatal({ err: error }, 'migrations failed');
        process.exit(1);
      },
    );
    return;
  }
  runMain(app, undefined, tracing).catch((error: unknown) => {
    app.logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}
