/**
 * Addresses of the local infra; the same variable names as the services and docker-compose.yml.
 * KAFKA_BROKERS with three addresses makes `infra up` start a three-node cluster, one node per
 * address (each node's controller listens on its broker port + 1, its SASL listener on + 2).
 */
export const infraEnv = {
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
  /** Apicurio's management (health) port. */
  registryManagementPort: Number(process.env.REGISTRY_MANAGEMENT_PORT ?? 9001),
  /** The Postgres database Apicurio keeps its schemas in. */
  registryDb: process.env.REGISTRY_DB ?? 'o2c_registry',
  /** Zipkin, the local trace backend: its UI and API (spans go to `<url>/api/v2/spans`). */
  zipkinUrl: process.env.ZIPKIN_URL ?? 'http://127.0.0.1:9411',
  postgresAdminUrl: process.env.POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};

export const say = (line: string): void => {
  process.stdout.write(`[infra] ${line}\n`);
};
