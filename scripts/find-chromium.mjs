// The Chromium the end-to-end tests drive: $CHROMIUM_PATH, else Playwright's own build (from
// `npx playwright install chromium`), else the distro's. `--check` stops with one line saying what
// to install when there is none, before any test starts.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome']

/** @returns {{ path: string, source: string } | undefined} */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' } : undefined
  let own
  try {
    own = chromium.executablePath()
  } catch {
    own = undefined
  }
  if (own && existsSync(own)) return { path: own, source: 'Playwright' }
  const system = SYSTEM.find((p) => existsSync(p))
  return system ? { path: system, source: 'system' } : undefined
}

export const INSTALL_HINT =
  'No Chromium for the end-to-end tests: run `npx playwright install chromium`, or install the distro package (`apt-get install chromium`), or set CHROMIUM_PATH.'

if (process.argv.includes('--check')) {
  const found = findChromium()
  if (!found) {
    console.error(process.env.CHROMIUM_PATH ? `CHROMIUM_PATH names ${process.env.CHROMIUM_PATH}, which does not exist.` : INSTALL_HINT)
    process.exit(1)
  }
  console.log(`End-to-end tests use ${found.source} Chromium: ${found.path}`)
}
