import { create } from 'zustand'
import type { Mark, Message } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../api'
import { toastError } from './toasts'

const PAGE = 500
const MAX_REVEAL_PAGES = 40

interface TimelineState {
  incidentId: string | null
  messages: Message[]
  hasMore: boolean
  isLoading: boolean
  /** A message to scroll to (from search); the tick makes a repeat click scroll again. */
  focus: { messageId: string; tick: number } | null
  open(incidentId: string): Promise<void>
  /** Fetches the newest page of the open room again, keeping what is loaded above it only if contiguous. */
  refresh(incidentId: string): Promise<void>
  close(): void
  loadOlder(): Promise<number>
  reveal(messageId: string): Promise<void>
  apply(message: Message): void
  send(text: string, extra?: { replyTo?: string; suggestionRank?: number }): Promise<ErrorInfo | null>
  mark(messageId: string, mark: Mark | null): Promise<void>
  confirm(runId: string, confirm: boolean): Promise<void>
}

/**
 * Insert or replace by id, keeping seq order; new lines almost always land at the end. A reply
 * and a pushed event can cross on the wire: the copy with the higher rev wins.
 */
export function mergeMessage(list: Message[], m: Message): Message[] {
  let at = -1
  for (let i = list.length - 1; i >= 0 && i >= list.length - 200; i--) {
    if (list[i]?.id === m.id) {
      at = i
      break
    }
  }
  if (at < 0) at = list.findIndex((x) => x.id === m.id)
  if (at >= 0) return (list[at]?.rev ?? 0) > m.rev ? list : [...list.slice(0, at), m, ...list.slice(at + 1)]
  let pos = list.length
  while (pos > 0 && (list[pos - 1]?.seq ?? 0) > m.seq) pos--
  return [...list.slice(0, pos), m, ...list.slice(pos)]
}

export const useTimeline = create<TimelineState>((set, get) => ({
  incidentId: null,
  messages: [],
  hasMore: false,
  isLoading: false,
  focus: null,
  async open(incidentId) {
    set({ incidentId, messages: [], hasMore: false, isLoading: true, focus: null })
    const r = await call('timeline:get', { incidentId, limit: PAGE })
    if (get().incidentId !== incidentId) return
    if (!r.ok) {
      set({ isLoading: false })
      return toastError(r.error)
    }
    set((s) => ({
      messages: r.value.items.reduce(mergeMessage, s.messages),
      hasMore: r.value.hasMore,
      isLoading: false
    }))
  },
  async refresh(incidentId) {
    if (get().incidentId !== incidentId) return
    const r = await call('timeline:get', { incidentId, limit: PAGE })
    if (get().incidentId !== incidentId || !r.ok) return
    const items = r.value.items
    const oldest = items.reduce((min, m) => Math.min(min, m.seq), Number.POSITIVE_INFINITY)
    // Lines older than the page stay only if nothing is missing between them and it.
    const contiguous = !r.value.hasMore || get().messages.some((m) => m.seq === oldest)
    set((s) => ({
      messages: items.reduce(mergeMessage, contiguous ? s.messages : s.messages.filter((m) => m.seq >= oldest)),
      hasMore: contiguous ? s.hasMore || r.value.hasMore : r.value.hasMore
    }))
  },
  close() {
    set({ incidentId: null, messages: [], hasMore: false, focus: null })
  },
  async loadOlder() {
    const { incidentId, messages, hasMore, isLoading } = get()
    const first = messages[0]
    if (!incidentId || !hasMore || isLoading || !first) return 0
    set({ isLoading: true })
    const r = await call('timeline:get', { incidentId, beforeSeq: first.seq, limit: PAGE })
    if (get().incidentId !== incidentId) return 0
    if (!r.ok) {
      set({ isLoading: false })
      toastError(r.error)
      return 0
    }
    const known = new Set(get().messages.map((m) => m.id))
    const older = r.value.items.filter((m) => !known.has(m.id)).sort((a, b) => a.seq - b.seq)
    set((s) => ({ messages: [...older, ...s.messages], hasMore: r.value.hasMore, isLoading: false }))
    return older.length
  },
  async reveal(messageId) {
    for (let page = 0; page < MAX_REVEAL_PAGES; page++) {
      if (get().messages.some((m) => m.id === messageId)) break
      if (!get().hasMore) break
      if ((await get().loadOlder()) === 0) break
    }
    set((s) => ({ focus: { messageId, tick: (s.focus?.tick ?? 0) + 1 } }))
  },
  apply(message) {
    if (message.incidentId !== get().incidentId) return
    set((s) => ({ messages: mergeMessage(s.messages, message) }))
  },
  async send(text, extra = {}) {
    const incidentId = get().incidentId
    if (!incidentId) return null
    const r = await call('chat:send', { incidentId, text, ...extra })
    if (!r.ok) return r.error
    get().apply(r.value)
    return null
  },
  async mark(messageId, mark) {
    const r = await call('message:mark', { messageId, mark })
    if (r.ok) get().apply(r.value)
    else toastError(r.error)
  },
  async confirm(runId, confirm) {
    const r = await call('command:confirm', { runId, confirm })
    if (r.ok) get().apply(r.value)
    else toastError(r.error)
  }
}))
