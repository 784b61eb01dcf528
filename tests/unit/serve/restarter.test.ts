import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/main/core/logger'
import { installProcessGuards } from '../../../src/main/core/process-guard'
import { createRestarter } from '../../../src/main/serve/restarter'

const log = createLogger('test')

describe('restart after a fault', () => {
  it('hands an uncaught exception to the restart, and only logs a stray rejection', () => {
    const emitter = new EventEmitter()
    const asked: string[] = []
    const dispose = installProcessGuards(log, emitter as unknown as NodeJS.Process, { onUnknownState: (err) => asked.push(err.message) })
    emitter.emit('unhandledRejection', new Error('nobody waited'))
    emitter.emit('uncaughtException', new Error('timer callback threw'), 'uncaughtException')
    dispose()
    expect(asked).toEqual(['timer callback threw'])
  })

  it('restarts once for faults that arrive during a restart, and stops when faults keep coming', async () => {
    const exits: number[] = []
    let restarts = 0
    const r = createRestarter({
      log,
      exit: (code) => exits.push(code),
      maxRestarts: 2,
      restart: async () => {
        restarts++
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })
    r.request(new Error('one'))
    r.request(new Error('during the first restart'))
    await r.idle()
    expect([restarts, r.count()]).toEqual([1, 1])
    r.request(new Error('two'))
    await r.idle()
    r.request(new Error('three: a loop'))
    await r.idle()
    expect(restarts).toBe(2)
    expect(exits).toEqual([70])
  })

  it('ends the process when the restart fails or hangs', async () => {
    const exits: number[] = []
    const failing = createRestarter({ log, exit: (code) => exits.push(code), restart: () => Promise.reject(new Error('database locked')) })
    failing.request(new Error('fault'))
    await failing.idle()
    const hanging = createRestarter({ log, exit: (code) => exits.push(code), timeoutMs: 50, restart: () => new Promise(() => undefined) })
    hanging.request(new Error('fault'))
    await hanging.idle()
    expect(exits).toEqual([1, 1])
  })
})
