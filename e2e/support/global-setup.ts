import { buildPlatform } from './platform';

/** Once per run: the suites start the platform from the bundles the image runs. */
export default async function globalSetup(): Promise<void> {
  await buildPlatform();
}
