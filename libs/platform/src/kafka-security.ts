import { ConfigError } from '@o2c/config';
import type { KafkaSecurity } from '@o2c/kafka';

interface KafkaSecurityEnv {
  KAFKA_SASL_MECHANISM: 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_TLS: boolean;
  KAFKA_TLS_CA_FILE?: string | undefined;
  KAFKA_TLS_REJECT_UNAUTHORIZED: boolean;
}

/**
 * The client's Kafka identity: SASL as `KAFKA_SASL_USERNAME` (default `principal`, the service's
 * name, which `kafka:provision` grants exactly its topics and groups) and TLS when asked for. A
 * mechanism without a password is a ConfigError (exit 2) naming the variable.
 */
export function kafkaSecurityOf(config: KafkaSecurityEnv, principal: string): KafkaSecurity {
  const tls = config.KAFKA_TLS
    ? {
        rejectUnauthorized: config.KAFKA_TLS_REJECT_UNAUTHORIZED,
        ...(config.KAFKA_TLS_CA_FILE ? { caFile: config.KAFKA_TLS_CA_FILE } : {}),
      }
    : undefined;
  if (config.KAFKA_SASL_MECHANISM === 'none') return tls ? { tls } : {};
  if (!config.KAFKA_SASL_PASSWORD)
    throw new ConfigError(
      `invalid configuration:\n✖ KAFKA_SASL_PASSWORD is not set (KAFKA_SASL_MECHANISM is ${config.KAFKA_SASL_MECHANISM})`,
    );
  return {
    sasl: {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME ?? principal,
      password: config.KAFKA_SASL_PASSWORD,
    },
    ...(tls ? { tls } : {}),
  };
}
