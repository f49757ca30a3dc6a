import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

const alias = {
  '@': root,
  // `server-only` throws outside React Server Components; tests call server modules directly.
  'server-only': path.join(root, 'tests/helpers/server-only-stub.ts'),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/pglite-template.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Each file opens its own databases; two at once is what two cores can carry.
          maxWorkers: 2,
        },
      },
    ],
  },
});
