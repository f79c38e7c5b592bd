import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** How a client proves who it is to the brokers, and whether the connection is TLS. */
export interface KafkaSecurity {
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
  tls?: {
    /** PEM file of the CA that signed the brokers' certificates; the system's CAs when unset. */
    caFile?: string;
    /** false only for a broker with a self-signed certificate in a lab; never in production. */
    rejectUnauthorized: boolean;
  };
}

/** kafkajs' `sasl` and `ssl` settings for `security` (none: plaintext, as the local broker). */
export function kafkaClientSecurity(
  security: KafkaSecurity = {},
): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const { sasl, tls } = security;
  return {
    ...(sasl ? { sasl: sasl as SASLOptions } : {}),
    ...(tls
      ? {
          ssl: {
            rejectUnauthorized: tls.rejectUnauthorized,
            ...(tls.caFile ? { ca: [readFileSync(tls.caFile, 'utf8')] } : {}),
          },
        }
      : {}),
  };
}
