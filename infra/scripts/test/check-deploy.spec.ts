import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDeploy } from '../src/deploy-check/check-deploy';
import { root } from '../src/paths';

const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const cluster = readFileSync(join(root, 'docker-compose.cluster.yml'), 'utf8');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'deploy-check-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The committed file with `from` replaced by `to` (which must occur: the test stays honest). */
function broken(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** Checks copies of the deployment files, written to a temporary directory. */
async function check(files: { compose?: string; cluster?: string; dockerfile?: string }) {
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const base = write('docker-compose.yml', files.compose ?? compose);
  const override = write('docker-compose.cluster.yml', files.cluster ?? cluster);
  return checkDeploy(root, {
    topologies: [
      { name: 'single node', files: [base] },
      { name: 'three nodes', files: [base, override] },
    ],
    dockerfile: write('Dockerfile', files.dockerfile ?? dockerfile),
  });
}

describe('checkDeploy', () => {
  it('finds nothing wrong with the committed deployment files', async () => {
    expect(await checkDeploy(root)).toEqual([]);
  });

  describe('when a service calls another container at 127.0.0.1', () => {
    it('reports the variable, set or left at its default', async () => {
      const pointedAtItself = broken(
        compose,
        'CARRIER_API_URL: http://carrier-sim:8070',
        'CARRIER_API_URL: http://127.0.0.1:8070',
      );
      const leftAtDefault = broken(
        pointedAtItself,
        'ODOO_ADAPTER_URL: http://odoo-adapter:3005',
        '',
      );
      const problems = await check({ compose: leftAtDefault });
      expect(problems).toContainEqual(
        expect.stringMatching(/service fulfillment: CARRIER_API_URL=http:\/\/127\.0\.0\.1:8070: /),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/service inventory-sync: ODOO_ADAPTER_URL=.*\(its default: set it\)/),
      );
    });
  });

  describe('when the environment does not fit the service config', () => {
    it('reports a variable the zod schema does not know and a value it rejects', async () => {
      const typo = broken(compose, 'PORT: 3001\n', 'PORT: 3001\n      KAFKA_BROKER: kafka:29092\n');
      const badValue = broken(typo, 'PORT: 3004\n', 'PORT: 3004\n      TAX_RATE_BPS: lots\n');
      const problems = await check({ compose: badValue });
      expect(problems).toContainEqual(
        expect.stringMatching(
          /service order-intake: KAFKA_BROKER is not a variable of services\/order-intake\/src\/config\.ts/,
        ),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/service invoicing: services\/invoicing\/src\/config\.ts rejects/),
      );
    });
  });

  describe('when a service calls another container on its host port', () => {
    it('reports the port the container really serves', async () => {
      const problems = await check({
        compose: broken(
          compose,
          'SCHEMA_REGISTRY_URL: http://registry:8080/apis/ccompat/v7',
          'SCHEMA_REGISTRY_URL: http://registry:8081/apis/ccompat/v7',
        ),
      });
      expect(problems).toContainEqual(
        expect.stringMatching(
          /service order-intake: SCHEMA_REGISTRY_URL=.*registry serves other containers on 8080, not 8081 \(8081 is its port on the host\)/,
        ),
      );
    });
  });

  describe('when the three Kafka nodes disagree', () => {
    it('reports the node with a weaker min.insync.replicas and the incomplete quorum', async () => {
      const weaker = broken(
        cluster,
        '      KAFKA_NODE_ID: 3\n',
        '      KAFKA_NODE_ID: 3\n      KAFKA_MIN_INSYNC_REPLICAS: 1\n',
      );
      const problems = await check({
        cluster: broken(weaker, '2@kafka-2:9093,3@kafka-3:9093', '2@kafka-2:9093'),
      });
      expect(problems).toContainEqual(
        expect.stringMatching(/service kafka-3: its settings differ from kafka's/),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/service kafka: KAFKA_CONTROLLER_QUORUM_VOTERS must name every node/),
      );
    });
  });

  describe('when a process of npm start has no service', () => {
    it('names the project left out', async () => {
      const start = compose.indexOf('  carrier-sim:\n');
      const end = compose.indexOf('  order-intake:\n');
      expect(start).toBeGreaterThan(0);
      const withoutCarrierSim = compose.slice(0, start) + compose.slice(end);
      const problems = await check({ compose: withoutCarrierSim });
      expect(problems).toContainEqual(
        expect.stringMatching(/no service runs infra\/carrier-sim, which npm start runs/),
      );
    });
  });

  describe('when a command runs a file the image does not have', () => {
    it('reports the path and the image stage', async () => {
      const problems = await check({
        compose: broken(
          compose,
          'services/invoicing/dist/main.js',
          'services/invoicing/src/main.ts',
        ),
      });
      expect(problems).toContainEqual(
        expect.stringMatching(
          /service invoicing: services\/invoicing\/src\/main\.ts: not in the 'runtime' image stage/,
        ),
      );
    });
  });

  describe('when the file breaks the compose specification', () => {
    it('reports the schema error', async () => {
      const problems = await check({
        compose: broken(compose, '    restart: unless-stopped\n', '    restart_policy: always\n'),
      });
      expect(problems).toContainEqual(expect.stringMatching(/must NOT have additional properties/));
    });
  });

  describe('when the three-node file leaves a broker out of KAFKA_BROKERS', () => {
    it('reports the service of that topology', async () => {
      const problems = await check({
        cluster: broken(cluster, 'kafka-2:29092,kafka-3:29092', 'kafka-2:29092'),
      });
      expect(problems).toContainEqual(
        expect.stringMatching(
          /docker-compose\.cluster\.yml: service order-intake: KAFKA_BROKERS=.* must list every broker \(kafka, kafka-2, kafka-3\)/,
        ),
      );
    });
  });

  describe('when the Dockerfile swallows a failed build and runs as root', () => {
    it('reports both', async () => {
      const swallowed = broken(
        dockerfile,
        'RUN npx nx run-many -t build --outputStyle=static',
        'RUN npx nx run-many -t build --outputStyle=static || true',
      );
      const problems = await check({
        dockerfile: broken(swallowed, 'USER node\n# Exec form', '# Exec form'),
      });
      expect(problems).toContainEqual(expect.stringMatching(/hides a failed step/));
      expect(problems).toContainEqual(
        expect.stringMatching(/the final stage 'runtime' runs as root/),
      );
    });
  });
});
