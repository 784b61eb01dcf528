import { afterEach, describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger, logToFile, redact, registerSecret, setLogSink } from '../../../src/main/core/logger'
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

describe('log file', () => {
  it('writes every line to the data dir, redacted, and rotates by size keeping N files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virgil-logfile-'))
    const stop = logToFile(dir, { maxBytes: 400, keep: 2 })
    try {
      registerSecret('file-secret-value-123')
      const log = createLogger('rotate')
      for (let i = 0; i < 30; i++) log.info(`line ${i} carries file-secret-value-123`)
      const files = readdirSync(dir).sort()
      expect(files).toEqual(['virgil.log', 'virgil.log.1', 'virgil.log.2'])
      for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(400)
      const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('')
      expect(all).not.toContain('file-secret-value-123')
      expect(readFileSync(join(dir, 'virgil.log'), 'utf8')).toMatch(/info rotate: line 29 carries \[redacted\]/)
      // The oldest lines rotated away: only keep + 1 files stay.
      expect(all).not.toMatch(/line 0 /)
    } finally {
      stop()
      rmSync(dir, { recursive: true, force: true })
    }
    const after = lines.length
    createLogger('rotate').info('after stop')
    expect(lines.length).toBe(after + 1)
  })
})
