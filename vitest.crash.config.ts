import { defineConfig } from 'vitest/config'

/** The kill -9 harness: runs the built serve mode (after `npm run build`), one file, no parallelism. */
export default defineConfig({
  test: {
    include: ['tests/crash/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 60_000
  }
})
