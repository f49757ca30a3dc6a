import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';
import drizzle from 'eslint-plugin-drizzle';

// The layers (README "Layout"): which folder may import which. Imports only run downward:
// app → server → db; everything may use domain, contracts and i18n; components never reach the server.
// `env` (the settings checked at start) is server-side: components never read it.
const LAYERS = {
  app: ['app', 'components', 'server', 'db', 'contracts', 'domain', 'i18n', 'env'],
  components: ['components', 'contracts', 'domain', 'i18n'],
  server: ['server', 'db', 'contracts', 'domain', 'i18n', 'env'],
  contracts: ['contracts', 'domain', 'i18n'],
  db: ['db', 'domain', 'env'],
  domain: ['domain', 'i18n'],
  i18n: ['i18n'],
  env: ['domain'],
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    // A delete or update without `where` would rewrite a whole table of members' data.
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  {
    files: ['{app,components,contracts,server,domain,i18n,db,env}/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/elements': Object.keys(LAYERS).map((layer) => ({ type: layer, pattern: layer })),
      // Server actions are the one door from a client component into the server.
      'boundaries/files': [{ category: 'actions', pattern: 'app/**/actions.ts' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { allow: { to: { module: { origin: 'external' } } } },
            { allow: { to: { module: { origin: 'core' } } } },
            { from: { element: { type: 'components' } }, allow: { to: { element: { type: 'app' }, file: { categories: 'actions' } } } },
            ...Object.entries(LAYERS).map(([layer, allowed]) => ({
              from: { element: { type: layer } },
              allow: { to: { element: { types: { anyOf: allowed } } } },
            })),
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
