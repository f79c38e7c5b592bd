import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const depConstraints = [
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:adapter', 'type:contracts', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:adapter', 'type:contracts', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:adapter',
    onlyDependOnLibsWithTags: ['type:adapter', 'type:contracts', 'type:util'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:adapter', 'type:contracts', 'type:util'],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: ['kafkajs', 'knex', 'pg', 'express'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...[
    'order-intake',
    'inventory-sync',
    'fulfillment',
    'invoicing',
    'odoo-adapter',
    'webhooks',
    'flow-watch',
    'examples',
    'ops',
    'odoo-sim',
    'carrier-sim',
    'supplier-sim',
  ].map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
];

const domainBans = {
  paths: ['kafkajs', 'knex', 'pg', 'express', 'pino'],
  patterns: [
    { group: ['@opentelemetry/*', 'node:*'], message: 'The domain is pure: no IO.' },
    {
      group: ['**/adapters/**', '**/app/**'],
      message: 'The domain must not depend on outer layers.',
    },
  ],
};

// One direction: driving adapters (http, kafka) call use cases (app); use cases call driven
// adapters (db, odoo, carrier) directly, each declaring its own interface; create-app.ts wires.
const wiring = { group: ['**/create-app', '**/main'], message: 'Only main.ts uses the wiring.' };
const appBans = {
  patterns: [
    {
      group: ['**/adapters/http/**', '**/adapters/kafka/**'],
      message: 'Use cases do not depend on the adapters that drive them.',
    },
    wiring,
  ],
};
const drivenBans = {
  patterns: [
    {
      group: ['**/app/**', '**/adapters/http/**', '**/adapters/kafka/**'],
      message: 'Driven adapters (db, odoo, carrier) are called by use cases, never the reverse.',
    },
    wiring,
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.cache',
      '.nx',
      'coverage',
      '**/generated/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in config.ts (or main.ts) only.',
        },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: [
      '**/src/config.ts',
      '**/src/main.ts',
      'infra/scripts/**',
      'tools/**',
      '**/*.spec.ts',
      '**/test/**',
      'libs/testing/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', domainBans] },
  },
  {
    files: ['services/*/src/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', appBans] },
  },
  {
    files: ['services/*/src/adapters/{db,odoo,carrier}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', drivenBans] },
  },
  {
    files: ['services/*/src/adapters/{http,kafka}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [wiring] }] },
  },
  {
    // Tests and benchmarks of any project may use the shared test helpers (type:testing).
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: depConstraints.map((c) =>
            c.sourceTag.startsWith('type:')
              ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
              : c,
          ),
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
