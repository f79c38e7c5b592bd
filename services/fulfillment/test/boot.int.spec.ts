import { join } from 'node:path';
import { developmentSecrets } from '@o2c/config';
import { itBootsAndStops } from '@o2c/testing';

describe('service process', () => {
  itBootsAndStops(join(__dirname, '../src/main.ts'), {
    secrets: { CARRIER_WEBHOOK_SECRET: developmentSecrets.CARRIER_WEBHOOK_SECRET },
  });
});
