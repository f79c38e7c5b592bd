import { join } from 'node:path';
import { developmentSecrets } from '@o2c/config';
import { itBootsAndStops } from '@o2c/testing';

describe('service process', () => {
  itBootsAndStops(join(__dirname, '../src/main.ts'), {
    secrets: {
      ODOO_API_KEY: developmentSecrets.ODOO_API_KEY,
      SUPPLIER_WEBHOOK_SECRET: 'o2c-supplier-secret',
    },
  });
});
