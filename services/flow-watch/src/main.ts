import { startTracing } from '@o2c/observability';
import { main } from '@o2c/platform';
import { createApp } from './create-app';
import { loadConfig } from './config';

main(
  () => createApp({ config: loadConfig(process.env) }),
  () => startTracing('flow-watch', process.env),
);
