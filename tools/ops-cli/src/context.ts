import { createKafka } from '@o2c/kafka';
import type { Admin, Kafka } from 'kafkajs';
import pino, { type Logger } from 'pino';
import type { Output } from './cli/output';
import type { Config } from './config';

/** What every command gets: config, Kafka, output, and who is acting. */
export interface OpsContext {
  readonly config: Config;
  readonly kafka: Kafka;
  readonly logger: Logger;
  readonly out: Output;
  readonly actor: string;
  /** Show progress bars (not with --json). */
  readonly progress: boolean;
  /** One connected admin client, shared by the command. */
  admin(): Promise<Admin>;
  close(): Promise<void>;
}

/**
 * Who acts, for the audit log: the Kafka principal the brokers authenticated (KAFKA_SASL_*), or
 * else the OS user. `--actor` names the person on whose behalf, beside it, never instead of it.
 */
export function actorOf(config: Config, declared?: string): string {
  const sasl = config.kafkaSecurity.sasl;
  const identity = sasl ? `kafka:${sasl.username}` : `os:${config.osUser}`;
  return declared ? `${declared} via ${identity}` : identity;
}

export function createContext(config: Config, out: Output, actor?: string): OpsContext {
  // Logs go to stderr so stdout carries only the command's result.
  const logger = pino({ level: config.logLevel, base: { tool: 'o2c-ops' } }, pino.destination(2));
  const kafka = createKafka({
    clientId: 'o2c-ops',
    brokers: config.brokers,
    logger,
    security: config.kafkaSecurity,
  });
  let admin: Promise<Admin> | undefined;
  return {
    config,
    kafka,
    logger,
    out,
    actor: actorOf(config, actor),
    progress: !out.json,
    admin() {
      admin ??= (async () => {
        const client = kafka.admin();
        await client.connect();
        return client;
      })();
      return admin;
    },
    async close() {
      if (admin) await (await admin).disconnect();
    },
  };
}
