import { infraDown, infraStatus, infraUp, setupDatabases } from './infra';

const usage = `usage: infra <command>

  up       start Postgres (if down), Kafka and the schema registry; reuse what already runs
  down     stop the Kafka broker and the registry these scripts started
  status   show what runs, where, and its memory; exit 1 if anything is down
  db       create one database per service and run its migrations
`;

async function run(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up':
      await infraUp();
      return 0;
    case 'down':
      await infraDown();
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

run(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[infra] ${(error as Error).message}\n`);
    process.exit(1);
  },
);
