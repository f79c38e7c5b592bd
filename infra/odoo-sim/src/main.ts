import { createLogger, startTracing } from '@o2c/observability';
import { loadConfig } from './config';
import { createOdooSim } from './create-odoo-sim';

async function main(): Promise<void> {
  const tracing = startTracing('odoo-sim', process.env);
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'odoo-sim', level: config.LOG_LEVEL });
  const sim = createOdooSim({
    version: config.ODOO_SIM_VERSION,
    db: config.ODOO_SIM_DB,
    port: config.ODOO_SIM_PORT,
    host: config.ODOO_SIM_HOST,
    modules: config.ODOO_SIM_MODULES,
    saleTaxPercent: config.ODOO_SIM_SALE_TAX,
    logger,
  });
  const url = await sim.start();
  logger.info(
    {
      url,
      version: config.ODOO_SIM_VERSION,
      db: config.ODOO_SIM_DB,
      modules: config.ODOO_SIM_MODULES,
    },
    'odoo-sim listening',
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'odoo-sim stopping');
    sim
      .stop()
      .then(() => tracing.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'odoo-sim stop failed');
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
