import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/app'
import { DisposableStore, toDisposable } from '../../../src/main/core/lifecycle'
import { setLogSink } from '../../../src/main/core/logger'
import { aesGcmCipher } from '../../../src/main/core/vault/vault'
import { startNatsServer, type NatsServer } from '../../support/nats-server'
import { call, incidentInput } from './make-core'

describe('DisposableStore', () => {
  it('undoes newest first, awaits each step, and runs once however often it is called', async () => {
    const order: string[] = []
    const store = new DisposableStore('test')
    store.add(() => void order.push('first'))
    store.add(async () => {
      await new Promise((r) => setTimeout(r, 20))
      order.push('second (slow)')
    })
    store.add(toDisposable(() => void order.push('third')))
    const [a, b] = [store.dispose(), store.dispose()]
    expect(a).toBe(b)
    await a
    await store.dispose()
    expect(order).toEqual(['third', 'second (slow)', 'first'])
    expect(store.isDisposed).toBe(true)
  })

  it('keeps going past a failing step and logs it', async () => {
    const lines: string[] = []
    const previous = setLogSink((line) => lines.push(line))
    try {
      const ran: string[] = []
      const store = new DisposableStore('test')
      store.add(() => void ran.push('a'))
      store.add(() => {
        throw new Error('socket would not close')
      }, 'socket')
      store.add(async () => Promise.reject(new Error('timer gone')), 'timer')
      await store.dispose()
      expect(ran).toEqual(['a'])
      expect(lines.join('\n')).toMatch(/socket would not close/)
      expect(lines.join('\n')).toMatch(/2 step\(s\) failed/)
    } finally {
      setLogSink(previous)
    }
  })

  it('disposes what is added after it was disposed', async () => {
    const previous = setLogSink(() => undefined)
    try {
      const store = new DisposableStore('test')
      await store.dispose()
      let late = false
      store.add(() => void (late = true), 'late')
      await new Promise((r) => setTimeout(r, 0))
      expect(late).toBe(true)
    } finally {
      setLogSink(previous)
    }
  })
})

/** What the process holds open: handles by kind, and listeners on process. */
function snapshot(): { resources: Record<string, number>; listeners: Record<string, number> } {
  const resources: Record<string, number> = {}
  for (const r of process.getActiveResourcesInfo()) resources[r] = (resources[r] ?? 0) + 1
  const listeners: Record<string, number> = {}
  for (const name of process.eventNames()) listeners[String(name)] = process.listenerCount(name)
  return { resources, listeners }
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 20))
}

describe('the core lifecycle', () => {
  let nats: NatsServer
  const dataDir = mkdtempSync(join(tmpdir(), 'virgil-lifecycle-'))
  const key = randomBytes(32)
  beforeAll(async () => {
    nats = await startNatsServer()
  })
  afterAll(async () => {
    await nats.dispose()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(`${dataDir}-checkpoints`, { recursive: true, force: true })
  })

  const open = (): Core =>
    createCore({
      dataDir,
      cipher: aesGcmCipher(key),
      mode: 'serve',
      version: 'test',
      checkpointDir: `${dataDir}-checkpoints`,
      settingsOverrides: { sync: { enabled: true, servers: nats.url, stream: 'SOC_EVENTS', subjectPrefix: 'soc.events' } },
      alerts: { listen: { port: 0 } }
    })

  it('opens and closes the core 100 times on one data dir without leaking handles, timers or listeners', async () => {
    const failures: string[] = []
    const previous = setLogSink((line) => {
      if (/ (warn|error) /.test(line)) failures.push(line)
    })
    try {
      // A first round warms module caches and the NATS stream, so the baseline is steady.
      const warm = open()
      await warm.alerts.ready()
      await warm.close()
      await settled()
      const before = snapshot()

      for (let round = 0; round < 100; round++) {
        const core = open()
        await core.alerts.ready()
        expect(core.alerts.receiverUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        // Every tenth round does work that arms timers (search batch, outbox, checkpoint) and waits for the team link.
        if (round % 10 === 0) {
          await core.sync.current()?.ready()
          await call(core, 'incident:create', { ...incidentInput, title: `round ${round}` })
        }
        await core.close()
        await core.close()
      }
      await settled()
      const after = snapshot()
      expect(after.resources).toEqual(before.resources)
      expect(after.listeners).toEqual(before.listeners)
      expect(failures).toEqual([])

      const last = open()
      const list = await call<{ title: string }[]>(last, 'incident:list', { scope: 'all' })
      await last.close()
      expect(list.filter((i) => i.title.startsWith('round '))).toHaveLength(10)
    } finally {
      setLogSink(previous)
    }
  }, 180_000)
})
