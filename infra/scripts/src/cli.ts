import { infraDown, infraStatus, infraUp, setupDatabases } from './infra';

const usage = `usage: infra <command> [--fresh | --purge]

  up       start Postgres (if down), Kafka and the schema registry; reuse what already runs
           --fresh: reuse nothing, start from empty data (fails if something already answers)
  down     stop the Kafka broker(s) and the registry these scripts started
           --purge: also delete their data (Kafka's log dirs, the registry's database)
  status   show what runs, where, and its memory; exit 1 if anything is down
  db       create one database per service and run its migrations

Environment: KAFKA_BROKERS (three addresses start a three-node cluster), SCHEMA_REGISTRY_URL,
REGISTRY_MANAGEMENT_PORT, REGISTRY_DB, POSTGRES_ADMIN_URL, O2C_RUN_DIR (pid files, logs, data).
`;

async function run(command: string | undefined, flags: string[]): Promise<number> {
  switch (command) {
    case 'up':
      await infraUp({ fresh: flags.includes('--fresh') });
      return 0;
    case 'down':
      await infraDown({ purge: flags.includes('--purge') });
      return 0;
    case 'status':
      return (await infraStatus()) ? 0 : 1;
    case 'db':
      await setupDatabases();
      return 0;
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(usage);
      return 2;
  }
}

run(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[infra] ${(error as Error).message}\n`);
    process.exit(1);
  },
);
