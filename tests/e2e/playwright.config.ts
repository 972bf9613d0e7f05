import { defineConfig } from '@playwright/test';
import { chromiumArgs, executablePath } from './chromium.mjs';

// Run by `cargo xtask test e2e`, which builds the release app, starts the real server on a
// free loopback port with a fresh database and sets GUICHET_URL and GUICHET_DEMO_PASSWORD.

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // A safety net, not a speed check: on a 2-core machine running the server and two browsers,
  // a long journey (the screenshot editor, the ticket's whole life) has taken 40 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  reporter: [['list']],
  outputDir: '../../target/e2e/results',
  use: {
    baseURL: process.env.GUICHET_URL,
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
