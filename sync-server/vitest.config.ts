import { defineConfig } from 'vitest/config';

// The whole suite runs on real PostgreSQL; the API suites run a second time on embedded PGlite.
const apiSuites = [
  'src/modules/**/*.api.test.ts',
  'src/sync/**/*.api.test.ts',
  'src/mutations/**/*.api.test.ts',
];

export default defineConfig({
  test: {
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [
            'src/**/*.test.ts',
            '../bench/**/*.test.ts',
            '../shared/src/**/*.test.ts',
            '../desktop/src/**/*.test.ts',
          ],
          env: { MAK_TEST_DB: 'postgres' },
        },
      },
      {
        extends: true,
        test: { name: 'pglite', include: apiSuites, env: { MAK_TEST_DB: 'pglite' } },
      },
    ],
  },
});
