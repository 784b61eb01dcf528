import { create } from 'zustand'
import type { CommandInfo, Message } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { withCommandPrefix } from '../../../shared/command-grammar'
import { call } from '../api'
import { useTimeline } from './timeline'

const HISTORY = 50

interface ComposerState {
  draft: string
  replyTo: Message | null
  /** Rank (1-based) of the suggestion the draft came from, reported with chat:send. */
  suggestionRank: number | null
  history: string[]
  commands: CommandInfo[]
  error: ErrorInfo | null
  isSending: boolean
  setDraft(draft: string): void
  takeSuggestion(line: string, rank: number): void
  startReply(message: Message): void
  cancelReply(): void
  send(): Promise<boolean>
  loadCommands(): Promise<void>
  reset(): void
}

export const useComposer = create<ComposerState>((set, get) => ({
  draft: '',
  replyTo: null,
  suggestionRank: null,
  history: [],
  commands: [],
  error: null,
  isSending: false,
  setDraft(draft) {
    set({ draft, error: null, ...(draft.trim() === '' ? { suggestionRank: null } : {}) })
  },
  takeSuggestion(line, rank) {
    set({ draft: withCommandPrefix(line), suggestionRank: rank, error: null })
  },
  startReply(message) {
    set({ replyTo: message })
  },
  cancelReply() {
    set({ replyTo: null })
  },
  async send() {
    const { draft, replyTo, suggestionRank, isSending } = get()
    if (isSending || draft.trim() === '') return false
    set({ isSending: true, error: null })
    const extra: { replyTo?: string; suggestionRank?: number } = {}
    if (replyTo) extra.replyTo = replyTo.id
    if (suggestionRank !== null) extra.suggestionRank = suggestionRank
    const error = await useTimeline.getState().send(draft, extra)
    if (error) {
      set({ isSending: false, error })
      return false
    }
    set((s) => ({
      draft: '',
      replyTo: null,
      suggestionRank: null,
      isSending: false,
      history: [...s.history.filter((h) => h !== draft), draft].slice(-HISTORY)
    }))
    return true
  },
  async loadCommands() {
    const r = await call('command:list', {})
    if (r.ok) set({ commands: r.value })
  },
  reset() {
    set({ draft: '', replyTo: null, suggestionRank: null, error: null })
  }
}))
