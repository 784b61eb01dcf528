import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Incident, Message } from '../../../src/shared/domain'
import { call, incidentInput, makeCore, type TestCore } from './make-core'

let t: TestCore
afterEach(async () => t.dispose())

async function run(tc: TestCore, incidentId: string, text: string, extra: Record<string, unknown> = {}): Promise<Message> {
  const sent = await call<Message>(tc.core, 'chat:send', { incidentId, text, ...extra })
  await tc.core.runner.idle()
  const { items } = await call<{ items: Message[] }>(tc.core, 'timeline:get', { incidentId })
  return items.find((m) => m.id === sent.id) as Message
}

describe('commands in the room', () => {
  it('runs a command and records who, what, when and the output', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await run(t, inc.id, '!hash --algo md5 hello')
    expect(m.kind).toBe('command')
    expect(m.command?.status).toBe('ok')
    expect(m.command?.output?.fields?.[0]?.value).toBe('5d41402abc4b2a76b9719d911017c592')
    expect(m.command?.durationMs).toBeGreaterThanOrEqual(0)
    expect(m.author.name).toBe('Analyst')
    const row = t.core.db.prepare('SELECT command, args, status FROM command_runs').get() as Record<string, string>
    expect(row).toMatchObject({ command: 'hash', status: 'ok' })
  })

  it('gives a one-line error with the usage for wrong arguments', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await run(t, inc.id, '!ip info')
    expect(m.command?.status).toBe('error')
    expect(m.command?.error?.message).toBe('Missing the IP address. Usage: !ip info <ip> [--in <cidr>]')
    const unknownForm = await run(t, inc.id, '!b64 rot13 x')
    expect(unknownForm.command?.error?.message).toMatch(/Usage: !b64 encode <text> · !b64 decode <text>/)
  })

  it('never treats shell syntax as anything but text', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await run(t, inc.id, '!defang http://evil.example/$(whoami); rm -rf / && echo `id`')
    expect(m.command?.output?.text).toBe('hxxp://evil[.]example/$(whoami); rm -rf / && echo `id`')
  })

  it('extracts indicators from the message it replies to', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const pasted = await call<Message>(t.core, 'chat:send', { incidentId: inc.id, text: 'From: x@evil.example via hxxps://cdn.evil[.]example/a.js and 198.51.100.23' })
    const m = await run(t, inc.id, '!ioc extract', { replyTo: pasted.id })
    const values = m.command?.output?.table?.rows.map((r) => r[1])
    expect(values).toContain('198[.]51[.]100[.]23')
    expect(m.replyTo).toBe(pasted.id)
  })

  it('asks before a dangerous command and names who confirmed', async () => {
    t = makeCore()
    let ran = 0
    const registry = (t.core.runner as unknown as { registry: { register: (s: unknown) => void } }).registry
    registry.register({
      path: ['zap'],
      usage: 'zap <host>',
      summary: 'test-only dangerous command',
      examples: [],
      danger: 'dangerous',
      args: z.object({ positional: z.array(z.string()).length(1), flags: z.object({}) }),
      async run() {
        ran++
        return { title: 'zapped' }
      }
    })
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const waiting = await run(t, inc.id, '!zap host1')
    expect(waiting.command?.status).toBe('awaiting-confirmation')
    expect(ran).toBe(0)
    await call(t.core, 'command:confirm', { runId: waiting.command?.runId, confirm: true })
    await t.core.runner.idle()
    const done = await call<Message>(t.core, 'chat:send', { incidentId: inc.id, text: 'ok' }).then(async () => {
      const { items } = await call<{ items: Message[] }>(t.core, 'timeline:get', { incidentId: inc.id })
      return items.find((m) => m.id === waiting.id) as Message
    })
    expect(ran).toBe(1)
    expect(done.command).toMatchObject({ status: 'ok', confirmedBy: 'Analyst' })
    const again = await t.core.dispatch('command:confirm', { runId: waiting.command?.runId, confirm: true }, t.core.actor())
    expect(again.ok ? null : again.error.code).toBe('CONFLICT')
  })

  it('closes runs that a killed process left running', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    t.core.log.appendOne({
      type: 'command.started',
      incidentId: inc.id,
      actor: { id: 'a', name: 'Ana' },
      payload: { runId: 'run-killed', line: 'vtip 8.8.8.8', command: 'vtip', args: null, status: 'running', danger: 'safe', at: Date.now() }
    })
    const core = await t.reopen()
    const { items } = await call<{ items: Message[] }>(core, 'timeline:get', { incidentId: inc.id })
    const m = items.find((x) => x.command?.runId === 'run-killed')
    expect(m?.command?.status).toBe('interrupted')
    expect(m?.command?.error?.message).toMatch(/stopped while this command was running/)
  })
})

describe('ioc extract on its own', () => {
  it('scans the incident description', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    const m = await run(t, inc.id, '!ioc extract')
    expect(m.command?.status).toBe('ok')
    expect(m.command?.output?.summary).toBe('From the incident description.')
    expect(m.command?.output?.table?.rows.map((r) => r[1])).toEqual(['hxxp://login-micros0ft[.]com', '203[.]0[.]113[.]7'])
  })
})

describe('commands are explicit', () => {
  it('posts a plain line as chat even when its first word is a command word', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    for (const text of ['Help me read this header', 'whois owns this box?', 'hash it out with legal', '/var/log/auth.log has it']) {
      const m = await call<Message>(t.core, 'chat:send', { incidentId: inc.id, text })
      expect(m.kind).toBe('chat')
      expect(m.text).toBe(text)
    }
    expect(t.core.db.prepare('SELECT count(*) AS n FROM command_runs').get()).toEqual({ n: 0 })
  })

  it('runs a line that starts with ! or /, and answers an unknown one instead of posting it', async () => {
    t = makeCore()
    const inc = await call<Incident>(t.core, 'incident:create', incidentInput)
    expect((await run(t, inc.id, '!help')).command?.status).toBe('ok')
    expect((await run(t, inc.id, '/hash abc')).command?.status).toBe('ok')
    const typo = await run(t, inc.id, '!vtp 8.8.8.8')
    expect(typo.kind).toBe('command')
    expect(typo.command?.error?.message).toMatch(/Unknown command "vtp"\. Type !help/)
  })
})
