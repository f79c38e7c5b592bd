export { createServiceHost } from './create-service-host';
export type { ServiceHost, ServiceHostOptions } from './create-service-host';
export { main, runMain } from './run-main';
export { serviceEnv } from './service-env';
export type { ServiceEnv } from './service-env';
export { isPermanentStartupError } from './startup-errors';
export type { ComponentContext, ComponentStart, Stop } from './supervisor';
