import { createLogger, startTracing } from '@o2c/observability';
import { loadConfig } from './config';
import { createSupplierSim } from './create-supplier-sim';

async function main(): Promise<void> {
  const tracing = startTracing('supplier-sim', process.env);
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'supplier-sim', level: config.LOG_LEVEL });
  const sim = createSupplierSim({
    port: config.PORT,
    host: config.SUPPLIER_SIM_HOST,
    webhookSecret: config.SUPPLIER_WEBHOOK_SECRET,
    answerAfterMs: config.SUPPLIER_SIM_ANSWER_AFTER_MS,
    logger,
  });
  const url = await sim.start();
  logger.info({ url }, 'supplier-sim listening');
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'supplier-sim stopping');
    sim
      .stop()
      .then(() => tracing.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'supplier-sim stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
