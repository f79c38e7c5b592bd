import { infraEnv, say } from './env';
import { findJava } from './java';
import { ensureZipkinJar } from './maven';
import {
  answersOk,
  managed,
  portInUse,
  readPid,
  rssMb,
  startDetached,
  stopManaged,
  waitUntilReady,
} from './processes';

const zipkin = managed('zipkin');

export const zipkinAnswers = (): Promise<boolean> => answersOk(`${infraEnv.zipkinUrl}/health`);

/**
 * Starts Zipkin (in-memory storage: traces last until it stops) unless one already answers;
 * `fresh` refuses to reuse a running one, as for Kafka and the registry.
 */
export async function zipkinUp({ fresh = false } = {}): Promise<void> {
  if (await zipkinAnswers()) {
    if (fresh)
      throw new Error(`a Zipkin already answers at ${infraEnv.zipkinUrl}; --fresh starts its own`);
    return say(`zipkin: already running at ${infraEnv.zipkinUrl}`);
  }
  if (readPid(zipkin)) await stopManaged(zipkin, 5000);
  const { port, hostname } = new URL(infraEnv.zipkinUrl);
  if (await portInUse(Number(port))) {
    throw new Error(
      `port ${port} is in use by something that is not Zipkin; stop it or set ZIPKIN_URL.`,
    );
  }
  const jar = ensureZipkinJar();
  const started = Date.now();
  const pid = startDetached(zipkin, findJava(17), [
    '-Xmx192m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-jar',
    jar,
    `--armeria.ports[0].ip=${hostname}`,
    `--armeria.ports[0].port=${port}`,
    '--armeria.ports[0].protocols=http',
    // Bounded memory: the oldest traces go first (the default keeps 500,000 spans).
    '--zipkin.storage.mem.max-spans=100000',
    '--logging.level.root=WARN',
  ]);
  const secs = await waitUntilReady(zipkin, zipkinAnswers, started, 120_000);
  say(
    `zipkin: ready at ${infraEnv.zipkinUrl} in ${secs} s (pid ${pid}, ${rssMb(pid) ?? '?'} MB RSS)`,
  );
}

export async function zipkinDown(): Promise<void> {
  say((await stopManaged(zipkin)) ? 'zipkin: stopped' : 'zipkin: not started by these scripts');
}

export async function zipkinStatus(): Promise<string> {
  const pid = readPid(zipkin);
  const up = await zipkinAnswers();
  return `zipkin   ${up ? 'up' : 'down'}  ${infraEnv.zipkinUrl}${pid ? `  pid ${pid}, ${rssMb(pid)} MB RSS` : ''}`;
}
