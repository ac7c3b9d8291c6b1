// The end-to-end tests (npm run e2e): frontend/e2e/*.spec.ts against the built app
// (build/bin/dealmodel serve) in headless Chromium; see e2e/harness.ts. They run one
// file at a time so that the performance figures are measured on a quiet machine.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
