/** Addresses of the local infra; the same variable names as the services and docker-compose.yml. */
export const infraEnv = {
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

export const say = (line: string): void => {
  process.stdout.write(`[infra] ${line}\n`);
};
