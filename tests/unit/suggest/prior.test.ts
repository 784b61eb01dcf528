import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isVirgilError } from '../../../src/shared/errors'
import { parsePrior, readPriorFile } from '../../../src/main/core/suggest/prior'
import { createSuggester } from '../../../src/main/core/suggest/suggester'

const PRIOR_PATH = join(process.cwd(), 'resources/suggest-prior.json')
const VIRGIL_COMMANDS = new Set(['help', 'vtip', 'vt ip', 'vt domain', 'vt url', 'vt hash', 'whois', 'ioc extract', 'defang', 'refang', 'hash', 'b64 encode', 'b64 decode', 'ip info', 'ec2 ls', 'ec2 show', 'ec2 cpu', 'ec2 isolate', 'ec2 unisolate'])
const dir = mkdtempSync(join(tmpdir(), 'virgil-prior-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('suggest prior (resources/suggest-prior.json)', () => {
  const prior = readPriorFile(PRIOR_PATH)

  it('is small, attributed, and speaks only Virgil commands', () => {
    expect(statSync(PRIOR_PATH).size).toBeLessThan(300 * 1024)
    expect(prior.attribution.licence).toBe('MIT')
    expect(prior.attribution.notice).toContain('Copyright (c) 2016 Demisto')
    expect(prior.attribution.source).toContain('demisto/content')
    for (const f of prior.flows) for (const c of f.commands) expect(VIRGIL_COMMANDS.has(c)).toBe(true)
    expect(prior.flows.length).toBeGreaterThan(5)
  })

  it('gives a fresh install useful suggestions with reasons that name their origin', () => {
    const s = createSuggester({ prior })
    const first = s.next({ text: 'Phishing email with a link', history: [], k: 3 })
    expect(first[0]?.command).toBe('ioc extract')
    expect(first[0]?.reason).toMatch(/^a common first step in public playbooks \(\d+% of flows\)$/)
    const after = s.next({ text: '', history: ['ioc extract'], k: 3 })
    expect(after.map((x) => x.command).some((c) => c.startsWith('vt'))).toBe(true)
    expect(s.flow({ text: 'anything', history: ['ioc extract'] }).steps[0]).toEqual({ command: 'ioc extract', done: true })
  })

  it('yields to local history as cases accumulate', () => {
    const s = createSuggester({ prior })
    for (let i = 0; i < 40; i++) s.addCase({ id: `c${i}`, text: `case ${i}`, commands: ['ioc extract', 'defang'] })
    const [top] = s.next({ text: 'zzz', history: ['ioc extract'], k: 1 })
    expect(top?.command).toBe('defang')
    expect(top?.reason).toBe('often follows ioc extract (100%)')
  })

  it('refuses a malformed or missing prior with a message that says what to do', () => {
    expect(() => parsePrior({ version: 1, flows: [] })).toThrow(/malformed.*build-prior/)
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ not json')
    try {
      readPriorFile(broken)
      expect.unreachable()
    } catch (e) {
      expect(isVirgilError(e) && e.code).toBe('INTERNAL')
    }
    expect(() => readPriorFile(join(dir, 'missing.json'))).toThrow(/could not be read/)
  })
})
