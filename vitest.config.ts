import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `npm test` prints its summary and real failures: a dot per test, and what passing tests
    // logged (expected errors they provoke and assert) is not printed.
    reporters: ['dot'],
    silent: 'passed-only',
  },
});
