import { afterEach, describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { createLogger, redact, registerSecret, setLogSink } from '../../../src/main/core/logger'
import { installProcessGuards } from '../../../src/main/core/process-guard'
import { lineTooLong, sizeWords } from '../../../src/shared/limits'

const lines: string[] = []
const previous = setLogSink((l) => lines.push(l))
afterEach(() => {
  lines.length = 0
})

describe('scoped logger', () => {
  it('prints scope, level and context, and never a registered secret or a token shape', () => {
    registerSecret('hunter2-very-secret')
    const log = createLogger('serve').child('socket')
    log.warn('login with hunter2-very-secret failed', { header: 'Bearer abcdefghijklmnop', slack: 'xoxb-1234-5678-abcdef', aws: 'AKIAIOSFODNN7EXAMPLE' })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/ warn serve\.socket: login with \[redacted\] failed/)
    for (const plain of ['hunter2-very-secret', 'abcdefghijklmnop', 'xoxb-1234', 'AKIAIOSFODNN7EXAMPLE']) expect(lines[0]).not.toContain(plain)
    expect(redact('password=swordfish1&x=1')).toBe('password=[redacted]&x=1')
  })

  it('keeps the process up on an uncaught fault and logs it with its origin', () => {
    const emitter = new EventEmitter()
    const proc = emitter as unknown as NodeJS.Process
    const dispose = installProcessGuards(createLogger('test'), proc)
    emitter.emit('uncaughtException', new Error('socket exploded'), 'uncaughtException')
    emitter.emit('unhandledRejection', new Error('nobody waited'))
    dispose()
    expect(lines.join('\n')).toMatch(/error test: an unexpected fault escaped its handler; Virgil keeps serving .*"origin":"uncaughtException".*socket exploded/)
    expect(lines.join('\n')).toMatch(/nobody waited/)
    expect(emitter.listenerCount('uncaughtException')).toBe(0)
  })
})

describe('line limit', () => {
  it('says how big a paste is and what a line holds', () => {
    expect(lineTooLong('a'.repeat(3_200_000))).toBe('This paste is 3.2 MB; a line can hold 100 KB. Attach it as a file instead.')
    expect(lineTooLong('a'.repeat(100_000))).toBeNull()
    expect(sizeWords(512)).toBe('512 bytes')
  })
})

process.on('exit', () => setLogSink(previous))
