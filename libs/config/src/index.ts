export { parseEnv, ConfigError } from './parse-env';
export { kafkaEnv, logEnv, httpEnv } from './common-env';
