import { join } from 'node:path';
import { itBootsAndStops } from '@o2c/testing';

describe('service process', () => {
  itBootsAndStops(join(__dirname, '../src/main.ts'));
});
