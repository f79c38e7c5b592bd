import { createLogger, startTracing } from '@o2c/observability';
import { loadConfig } from './config';
import { createCarrierSim } from './create-carrier-sim';

async function main(): Promise<void> {
  const tracing = startTracing('carrier-sim', process.env);
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'carrier-sim', level: config.LOG_LEVEL });
  const sim = createCarrierSim({
    carriers: config.CARRIER_SIM_CARRIERS,
    port: config.CARRIER_SIM_PORT,
    host: config.CARRIER_SIM_HOST,
    webhookSecret: config.CARRIER_SIM_WEBHOOK_SECRET,
    pickedUpAfterMs: config.CARRIER_SIM_PICKED_UP_AFTER_MS,
    deliveredAfterMs: config.CARRIER_SIM_DELIVERED_AFTER_MS,
    logger,
  });
  const url = await sim.start();
  logger.info({ url, carriers: config.CARRIER_SIM_CARRIERS }, 'carrier-sim listening');
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'carrier-sim stopping');
    sim
      .stop()
      .then(() => tracing.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'carrier-sim stop failed');
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
