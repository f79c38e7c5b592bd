import { parseArgs } from 'node:util';
import { kafkaEnv, parseEnv } from '@o2c/config';
import { createKafka } from '@o2c/kafka';
import { createLogger } from '@o2c/observability';
import { kafkaSecurityOf } from '@o2c/platform';
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { z } from 'zod';
import { applyPlan } from './apply';
import { provisionPlan } from './plan';

const usage = `usage: npm run kafka:provision -- [--prefix <p>] [--dry-run]

Creates every topic of the topic map and grants each service's principal (its name) exactly what
it needs: write its own topics, read the ones it consumes, its dead-letter topics, its consumer
groups and its relay's transactional id. Run it as an admin principal before the services, which
then need no admin rights. Idempotent. --dry-run prints the plan and changes nothing.

Environment: KAFKA_BROKERS, KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME (default o2c-admin) /
KAFKA_SASL_PASSWORD, KAFKA_TLS, KAFKA_TLS_CA_FILE (as the services).
`;

/** kafkajs' ACL enums are plain objects: the name of a value, for the dry run. */
const nameOf = (e: object, value: number) =>
  Object.entries(e).find(([, v]) => v === value)?.[0] ?? String(value);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      prefix: { type: 'string', default: '' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const plan = provisionPlan(values.prefix);
  if (values['dry-run']) {
    for (const t of plan.topics)
      process.stdout.write(`topic ${t.topic} (${t.numPartitions} partitions)\n`);
    for (const a of plan.acls)
      process.stdout.write(
        `allow ${a.principal} ${nameOf(AclOperationTypes, a.operation)} on ${nameOf(AclResourceTypes, a.resourceType)} ${nameOf(ResourcePatternTypes, a.resourcePatternType)} ${a.resourceName}\n`,
      );
    process.stdout.write(
      `dry run: ${plan.topics.length} topics, ${plan.acls.length} ACLs, nothing changed\n`,
    );
    return 0;
  }
  const config = parseEnv(z.object(kafkaEnv), process.env);
  const kafka = createKafka({
    clientId: 'kafka-provision',
    brokers: config.KAFKA_BROKERS,
    logger: createLogger({ service: 'kafka-provision', level: 'warn' }),
    security: kafkaSecurityOf(config, 'o2c-admin'),
  });
  await applyPlan(kafka, plan, (line) => process.stdout.write(`[provision] ${line}\n`));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[provision] ${(error as Error).message}\n`);
    process.exit(1);
  },
);
