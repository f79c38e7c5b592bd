export { parseEnv, ConfigError } from './parse-env';
export { kafkaEnv, kafkaSecurityEnv, logEnv, httpEnv } from './common-env';
export { odooEnv } from './odoo-env';
export { developmentSecrets, resolveSecrets, runModeEnv, secretValues, secretVar } from './secrets';
