import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { VirgilApi } from '../../../src/shared/api'
import type { Channel, EventName } from '../../../src/shared/contract'
import type { Dispatch } from '../../../src/main/core/dispatch'
import type { CommandInfo, Message } from '../../../src/shared/domain'
import { MAX_LINE_BYTES } from '../../../src/shared/limits'
import { makeCore, incidentInput, type TestCore } from '../core/make-core'
import { useIncidents, listedIncidents } from '../../../src/renderer/src/stores/incidents'
import { mergeMessage, useTimeline } from '../../../src/renderer/src/stores/timeline'
import { useComposer } from '../../../src/renderer/src/stores/composer'
import { commandInDraft, completionsFor, tabCompletion } from '../../../src/renderer/src/lib/completion'

// The renderer's stores against a real core on a real SQLite file, through the same two calls the
// preload bridge exposes (invoke and on): no stand-in for any module of ours.
let t: TestCore
beforeAll(() => {
  t = makeCore()
  // The generic signatures are what the contract guarantees; dispatch parses every input by its schema.
  const invoke = (channel: Channel, input: unknown): ReturnType<Dispatch> => t.core.dispatch(channel, input, t.core.actor())
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) =>
    t.core.bus.subscribe((name, payload) => {
      if (name === event) listener(payload)
    })
  const bridge = { invoke, on } as VirgilApi
  Object.assign(globalThis, { window: { virgil: bridge } })
})
afterAll(async () => {
  // The incidents store reloads its list 150 ms after a status change: let that land first.
  await new Promise((r) => setTimeout(r, 300))
  await t.dispose()
})

const until = async (ok: () => boolean, what: string): Promise<void> => {
  const end = Date.now() + 5_000
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('incidents store', () => {
  it('creates, selects, lists by scope, and moves a closed incident out of the open list', async () => {
    const created = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: beaconing host' })
    if (!created.ok) throw new Error(created.error.message)
    const id = created.incident.id
    expect(useIncidents.getState().selectedId).toBe(id)

    await useIncidents.getState().setScope('open')
    expect(useIncidents.getState().listIds).toContain(id)
    expect(useIncidents.getState().isLoaded).toBe(true)

    expect(await useIncidents.getState().update(id, { status: 'closed' })).toBe(true)
    expect(useIncidents.getState().byId[id]?.status).toBe('closed')
    await until(() => !useIncidents.getState().listIds.includes(id), 'the open list to drop the closed incident')
    await useIncidents.getState().setScope('closed')
    expect(useIncidents.getState().listIds).toContain(id)
  })

  it('keeps the newest copy and lists newest activity first', async () => {
    const a = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: older' })
    const b = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: newer' })
    if (!a.ok || !b.ok) throw new Error('create failed')
    const stale = { ...b.incident, title: 'stale copy', updatedAt: b.incident.updatedAt - 1 }
    useIncidents.getState().upsert(stale)
    expect(useIncidents.getState().byId[b.incident.id]?.title).toBe('Store test: newer')
    // Activity on the older one (a pushed newer copy) moves it to the top; unknown ids are skipped.
    useIncidents.getState().upsert({ ...a.incident, updatedAt: b.incident.updatedAt + 1_000 })
    const listed = listedIncidents(useIncidents.getState().byId, [b.incident.id, 'missing', a.incident.id])
    expect(listed.map((i) => i.id)).toEqual([a.incident.id, b.incident.id])
  })

  it('a list answered before a later change does not undo it (the status select kept reading "contained" after a close)', async () => {
    const a = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: closed while listing' })
    if (!a.ok) throw new Error('create failed')
    const later = { ...a.incident, status: 'closed' as const, updatedAt: a.incident.updatedAt + 60_000 }
    useIncidents.getState().upsert(later)
    await useIncidents.getState().setScope('all')
    expect(useIncidents.getState().listIds).toContain(a.incident.id)
    expect(useIncidents.getState().byId[a.incident.id]?.status).toBe('closed')
  })
})

describe('timeline merge', () => {
  const msg = (id: string, seq: number, rev = seq, text = id): Message => ({
    id,
    incidentId: 'inc',
    seq,
    rev,
    at: seq,
    author: { id: 'analyst:ana', name: 'Ana' },
    kind: 'chat',
    text,
    via: 'app'
  })

  it('keeps seq order when lines arrive out of order, and never duplicates an id', () => {
    const list = [msg('a', 1), msg('c', 3), msg('b', 2), msg('d', 4), msg('b', 2)].reduce(mergeMessage, [] as Message[])
    expect(list.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('keeps the copy with the higher rev when a reply and a push cross', () => {
    const pushed = mergeMessage([msg('a', 1, 5, 'after the mark')], msg('a', 1, 3, 'before the mark'))
    expect(pushed[0]?.text).toBe('after the mark')
    const newer = mergeMessage(pushed, msg('a', 1, 6, 'edited'))
    expect(newer[0]?.text).toBe('edited')
    expect(newer).toHaveLength(1)
  })

  it('the store applies sent lines and pushed ones for its room only', async () => {
    const created = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: timeline' })
    if (!created.ok) throw new Error(created.error.message)
    await useTimeline.getState().open(created.incident.id)
    expect(await useTimeline.getState().send('first line from the store')).toBeNull()
    const texts = useTimeline.getState().messages.map((m) => m.text)
    expect(texts).toContain('first line from the store')
    useTimeline.getState().apply({ ...msg('elsewhere', 999_999), incidentId: 'another-incident' })
    expect(useTimeline.getState().messages.some((m) => m.id === 'elsewhere')).toBe(false)
  })
})

describe('a room catching up', () => {
  const burst = (incidentId: string, n: number, tag: string): void => {
    t.core.log.append(Array.from({ length: n }, (_, i) => ({ type: 'message.posted' as const, incidentId, actor: { id: 'user:bo', name: 'Bo' }, payload: { text: `${tag} ${i}` } })))
  }

  it('fetches the newest page again: kept whole when it joins what is loaded, cut clean when lines are missing between', async () => {
    const created = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: catching up' })
    if (!created.ok) throw new Error(created.error.message)
    const id = created.incident.id
    await useTimeline.getState().open(id)
    expect(await useTimeline.getState().send('before the outage')).toBeNull()

    burst(id, 60, 'small')
    await useTimeline.getState().refresh(id)
    let texts = useTimeline.getState().messages.map((m) => m.text)
    expect(texts).toContain('before the outage')
    expect(texts.at(-1)).toBe('small 59')

    burst(id, 700, 'big')
    await useTimeline.getState().refresh(id)
    const { messages, hasMore } = useTimeline.getState()
    texts = messages.map((m) => m.text)
    expect(texts.at(-1)).toBe('big 699')
    expect(texts).not.toContain('before the outage') // older than the page, with 200 lines missing before it
    expect(hasMore).toBe(true)
    const seqs = messages.map((m) => m.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    expect(await useTimeline.getState().loadOlder()).toBeGreaterThan(0)
  })
})

describe('composer', () => {
  beforeEach(async () => {
    const created = await useIncidents.getState().create({ ...incidentInput, title: 'Store test: composer' })
    if (!created.ok) throw new Error(created.error.message)
    await useTimeline.getState().open(created.incident.id)
    useComposer.setState({ history: [], draft: '', error: null })
  })

  it('keeps a history of sent lines, newest last, without repeats', async () => {
    for (const line of ['one', 'two', 'one']) {
      useComposer.getState().setDraft(line)
      expect(await useComposer.getState().send()).toBe(true)
    }
    expect(useComposer.getState().history).toEqual(['two', 'one'])
    expect(useComposer.getState().draft).toBe('')
  })

  it('refuses a line that is too long, keeps the draft, and records nothing', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 1)
    useComposer.getState().setDraft(long)
    expect(await useComposer.getState().send()).toBe(false)
    expect(useComposer.getState().draft).toBe(long)
    expect(useComposer.getState().error?.code).toBe('BAD_INPUT')
    expect(useComposer.getState().history).toEqual([])
  })

  it('a suggestion lands as a command line with its rank', () => {
    useComposer.getState().takeSuggestion('vtip 8.8.8.8', 2)
    expect(useComposer.getState().draft).toBe('!vtip 8.8.8.8')
    expect(useComposer.getState().suggestionRank).toBe(2)
    useComposer.getState().setDraft('')
    expect(useComposer.getState().suggestionRank).toBeNull()
  })
})

describe('completion over the real command list', () => {
  let commands: CommandInfo[] = []
  beforeAll(async () => {
    await useComposer.getState().loadCommands()
    commands = useComposer.getState().commands
    expect(commands.length).toBeGreaterThan(5)
  })

  it('offers command words only after ! or /, keeping the prefix typed', () => {
    expect(completionsFor('vt', commands)).toEqual([])
    const bang = completionsFor('!vt', commands).map((c) => c.text)
    expect(bang).toContain('!vtip ')
    expect(bang.every((text) => text.startsWith('!vt'))).toBe(true)
    expect(completionsFor('/vti', commands).map((c) => c.text)).toEqual(['/vtip '])
    expect(completionsFor('!vtip 8.8.8.8', commands)).toEqual([])
  })

  it('Tab inserts the prefix on a plain first word that starts one command', () => {
    expect(tabCompletion('vti', commands)).toBe('!vtip ')
    expect(tabCompletion('help me read this', commands)).toBeUndefined()
    expect(tabCompletion('zzz', commands)).toBeUndefined()
  })

  it('names the command in the draft for the usage hint, longest path first', () => {
    expect(commandInDraft('!vtip 8.8.8.8', commands)?.path).toEqual(['vtip'])
    expect(commandInDraft('hello there', commands)).toBeUndefined()
  })
})
