import { checkDeploy } from './check-deploy';
import { root } from '../paths';

/** `npm run deploy:check`: validates docker-compose*.yml and the Dockerfile without a Docker engine. */
checkDeploy(root).then(
  (problems) => {
    for (const p of problems) process.stderr.write(`${p}\n`);
    process.stdout.write(
      problems.length ? `deploy check: ${problems.length} problem(s)\n` : 'deploy check: ok\n',
    );
    process.exit(problems.length ? 1 : 0);
  },
  (error: unknown) => {
    process.stderr.write(`[deploy-check] ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
