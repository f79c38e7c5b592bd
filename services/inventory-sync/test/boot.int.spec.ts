import { join } from 'node:path';
import { DEVELOPMENT_API_KEY } from '@o2c/http';
import { itBootsAndStops } from '@o2c/testing';

describe('service process', () => {
  itBootsAndStops(join(__dirname, '../src/main.ts'), {
    secrets: { ODOO_ADAPTER_API_KEY: DEVELOPMENT_API_KEY },
  });
});
