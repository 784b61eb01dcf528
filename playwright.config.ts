import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/find-chromium.mjs'

const chromiumPath = findChromium()?.path
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark'
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        // CHROMIUM_PATH, else Playwright's own Chromium, else the distro's (`npm run test:e2e` stops first when none exists).
        launchOptions: { ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: chromiumArgs }
      }
    },
    { name: 'electron', testDir: 'tests/electron' }
  ]
})
