import { createLogger } from '@o2c/observability';
import { testInfra } from '@o2c/testing';
import type { Admin } from 'kafkajs';
import { createKafka, createKafkaHealthCheck } from '../src';
import { PROBE_TOPIC } from '../src/create-kafka';

const logger = createLogger({ service: 'kafka-test', level: 'warn' });

describe('createKafkaHealthCheck', () => {
  it('passes on a broker that answers, asking for one topic, not the whole cluster', async () => {
    const kafka = createKafka({ clientId: 'health-test', brokers: testInfra.brokers, logger });
    const asked: string[] = [];
    const admin = kafka.admin.bind(kafka);
    jest.spyOn(kafka, 'admin').mockImplementation((config) => {
      const a: Admin = admin(config);
      const fetch = a.fetchTopicMetadata.bind(a);
      a.fetchTopicMetadata = (options) => {
        asked.push(...(options?.topics ?? ['*every topic*']));
        return fetch(options);
      };
      a.describeCluster = () => Promise.reject(new Error('asks for every topic'));
      return a;
    });
    const health = createKafkaHealthCheck(kafka);
    try {
      await health.check();
      await health.check();
    } finally {
      await health.close();
    }
    expect(asked).toEqual([PROBE_TOPIC, PROBE_TOPIC]);
  });
});
