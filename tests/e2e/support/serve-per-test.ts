import { test } from '@playwright/test'
import { removeDataDir, startServe, type ServeProcess } from './serve-process'

export interface ServedWith<S> {
  /** The outside service (a stand-in, NATS) this test's serve process talks to. */
  service: S
  /** Replace it after `restart()`; afterEach stops whichever is current. */
  serve: ServeProcess
}

/**
 * Per test: start an outside service, then serve mode pointed at it (env); after the test stop both,
 * print serve's output when the test failed, and remove its data dir.
 */
export function servePerTest<S>(start: () => Promise<S>, env: (service: S) => Record<string, string>, stop: (service: S) => Promise<void>): ServedWith<S> {
  const rig = {} as ServedWith<S>
  test.beforeEach(async () => {
    rig.service = await start()
    rig.serve = await startServe(env(rig.service))
  })
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from the pattern
  test.afterEach(async ({}, info) => {
    if (info.status !== 'passed') console.log(rig.serve.output())
    await rig.serve.stop()
    await stop(rig.service)
    removeDataDir(rig.serve.dataDir)
  })
  return rig
}
