import { createServiceHost, type ServiceHost } from '@o2c/platform';
import { migrations } from '../adapters/db/migrations';
import type { Config } from '../config';

export function createApp({ config }: { config: Config }): ServiceHost {
  return createServiceHost({ service: 'fulfillment', config, migrations });
}
