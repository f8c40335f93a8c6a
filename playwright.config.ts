import { defineConfig, devices } from '@playwright/test';

// Real Chromium from Debian (Playwright's own browser downloads are unreachable here), against
// the production build served by `vite preview` with cross-origin isolation headers.
// RETORT_TEST_PORT lets two runs (say, CI in a second clone) share one machine.
const port = Number(process.env.RETORT_TEST_PORT ?? 4317);

export default defineConfig({
  testDir: 'tests/browser',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${port}`,
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
