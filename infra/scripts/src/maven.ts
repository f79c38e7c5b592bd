import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { say } from './env';
import { kafkaLibs, registryHome, root, zipkinHome } from './paths';

/** Zipkin's server, one executable jar on Maven Central (Java 17+): the local trace backend. */
export const ZIPKIN_VERSION = '3.6.1';
/** Apicurio Registry's ready-to-run archive on Maven Central (Quarkus app, needs Java 21+). */
export const APICURIO_VERSION = '3.3.3';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

function mvn(args: string[]): void {
  try {
    execFileSync('mvn', ['-B', '-q', ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('Maven (mvn) is not installed: apt-get install maven, then run this again.');
    }
    throw new Error(`mvn ${args.slice(0, 2).join(' ')} failed (is Maven Central reachable?)`, {
      cause: error,
    });
  }
}

/** The broker's jars, resolved once by infra/kafka/pom.xml into .cache/kafka/libs. */
export function ensureKafkaJars(): void {
  if (existsSync(kafkaLibs) && readdirSync(kafkaLibs).some((f) => f.startsWith('kafka_2.13-')))
    return;
  say('resolving Kafka from Maven Central (first run only)…');
  const tmp = `${kafkaLibs}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mvn([
    '-f',
    'infra/kafka/pom.xml',
    `${DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ]);
  rmSync(kafkaLibs, { recursive: true, force: true });
  renameSync(tmp, kafkaLibs);
}

/** Apicurio's `all` archive, downloaded once and unpacked into .cache/apicurio/app. */
export function ensureRegistryApp(): string {
  const app = join(registryHome, 'app');
  const runner = join(app, 'quarkus-run.jar');
  if (existsSync(runner)) return runner;
  say(
    `resolving Apicurio Registry ${APICURIO_VERSION} from Maven Central (first run only, ~150 MB)…`,
  );
  mkdirSync(registryHome, { recursive: true });
  const archive = join(registryHome, `apicurio-registry-app-${APICURIO_VERSION}-all.tar.gz`);
  if (!existsSync(archive)) {
    mvn([
      `${DEPENDENCY_PLUGIN}:copy`,
      `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`,
      `-DoutputDirectory=${registryHome}`,
    ]);
  }
  const tmp = `${app}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('tar', ['-xzf', archive, '-C', tmp]);
  rmSync(app, { recursive: true, force: true });
  renameSync(tmp, app);
  return runner;
}

/** Zipkin's executable jar, downloaded once into .cache/zipkin. */
export function ensureZipkinJar(): string {
  const jar = join(zipkinHome, `zipkin-server-${ZIPKIN_VERSION}-exec.jar`);
  if (existsSync(jar)) return jar;
  say(`resolving Zipkin ${ZIPKIN_VERSION} from Maven Central (first run only, ~135 MB)…`);
  mvn([
    `${DEPENDENCY_PLUGIN}:copy`,
    `-Dartifact=io.zipkin:zipkin-server:${ZIPKIN_VERSION}:jar:exec`,
    `-DoutputDirectory=${zipkinHome}`,
  ]);
  return jar;
}
