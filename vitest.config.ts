import { defineConfig } from 'vitest/config';

// Two Node tiers: pure logic (fast, many) and the Python runtime through real Pyodide.
// The third tier, a real Chromium, is Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'runtime',
          include: ['tests/runtime/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          // Each file starts its own Pyodide (about 5 s); two at a time suits our 2 cores.
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['tests/runtime/global-setup.ts'],
        },
      },
    ],
  },
});
