import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import { CHAT_TEXT_MAX } from '../../../shared/evidence'
import { MAX_LINE_BYTES, utf8Bytes } from '../../../shared/limits'
import { describeError } from '../api/error-words'
import { isCommandLine, looksLikeCommand, withCommandPrefix } from '../../../shared/command-grammar'
import { commandInDraft, completionsFor, tabCompletion, type Completion } from '../lib/completion'
import { useComposer } from '../stores/composer'
import { useSession } from '../stores/session'
import { useUi } from '../stores/ui'
import { useUploads } from '../stores/uploads'
import { CompletionList } from './CompletionList'

/**
 * Enter sends, Shift+Enter breaks the line, ↑ on an empty line recalls the last one, Tab completes a
 * command word (adding the `!`), Ctrl+Enter runs a plain line as a command.
 */
export function Composer() {
  const { draft, replyTo, history, commands, error, isSending, setDraft, send, cancelReply } = useComposer()
  const focusTick = useUi((s) => s.composerFocusTick)
  // The core refuses a viewer's lines anyway; the composer says so before they type.
  const isViewer = useSession((s) => s.session?.user.role === 'viewer')
  const input = useRef<HTMLTextAreaElement>(null)
  const picker = useRef<HTMLInputElement>(null)
  const [active, setActive] = useState(0)
  const [isDismissed, setDismissed] = useState(false)

  const completions = useMemo(() => (isDismissed ? [] : completionsFor(draft, commands)), [draft, commands, isDismissed])
  const words = useMemo(() => [...new Set(commands.map((c) => c.path[0] ?? ''))], [commands])
  const willRun = isCommandLine(draft, words)
  const using = useMemo(() => (willRun ? commandInDraft(draft, commands) : undefined), [willRun, draft, commands])
  const offerRun = !willRun && looksLikeCommand(draft, words)

  useEffect(() => {
    if (focusTick > 0) input.current?.focus()
  }, [focusTick])

  const change = (text: string) => {
    setDismissed(false)
    setActive(0)
    setDraft(text)
  }

  const pick = (c: Completion) => {
    change(c.text)
    input.current?.focus()
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return
    const hasList = completions.length > 0
    const current = Math.min(active, completions.length - 1)
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      if (!willRun && draft.trim() !== '') setDraft(withCommandPrefix(draft))
      void send()
    } else if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault()
      void send()
    } else if (e.key === 'Tab' && hasList) {
      e.preventDefault()
      const c = completions[current]
      if (c) pick(c)
    } else if (e.key === 'Tab' && tabCompletion(draft, commands)) {
      e.preventDefault()
      change(tabCompletion(draft, commands) ?? draft)
    } else if (e.key === 'ArrowDown' && hasList) {
      e.preventDefault()
      setActive((current + 1) % completions.length)
    } else if (e.key === 'ArrowUp' && hasList) {
      e.preventDefault()
      setActive((current - 1 + completions.length) % completions.length)
    } else if (e.key === 'ArrowUp' && draft === '' && history.length > 0) {
      e.preventDefault()
      change(history[history.length - 1] ?? '')
    } else if (e.key === 'Escape' && (hasList || replyTo)) {
      e.preventDefault()
      e.stopPropagation()
      if (hasList) setDismissed(true)
      else cancelReply()
    }
  }

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files)
    if (files.length > 0) {
      e.preventDefault()
      void useUploads.getState().add(files.map((f, i) => ({ blob: f, name: f.name || `pasted-${i + 1}` })))
      return
    }
    const text = e.clipboardData.getData('text/plain')
    if (draft.length + text.length > CHAT_TEXT_MAX || utf8Bytes(draft) + utf8Bytes(text) > MAX_LINE_BYTES) {
      // Too long for one line: it becomes a plain-text note card, searchable, with its indicators.
      e.preventDefault()
      const name = `pasted-note-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '')}.txt`
      void useUploads.getState().add([{ blob: new Blob([text], { type: 'text/plain' }), name, asNote: true }])
    }
  }

  const err = error ? describeError(error) : null
  return (
    <div className="composer-wrap">
      {completions.length > 0 && <CompletionList completions={completions} active={Math.min(active, completions.length - 1)} onPick={pick} />}
      {replyTo && (
        <div className="replying" data-testid="replying">
          Replying to <strong>{replyTo.author.name}</strong>: <span className="muted">{(replyTo.command?.line ?? replyTo.text).slice(0, 80)}</span>
          <button type="button" className="link-button" onClick={cancelReply}>
            Cancel
          </button>
        </div>
      )}
      <div className="composer-row">
      <button type="button" className="attach-button" data-testid="attach" title="Attach files as evidence (or drop them on the room)" aria-label="Attach files" onClick={() => picker.current?.click()}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path d="M10.5 4.5 5.6 9.4a1.4 1.4 0 0 0 2 2l5-5a2.8 2.8 0 0 0-4-4l-5 5a4.2 4.2 0 0 0 6 6l4.4-4.4" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
        </svg>
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? [])
          e.target.value = ''
          void useUploads.getState().add(files.map((f) => ({ blob: f, name: f.name })))
        }}
      />
      <textarea
        ref={input}
        className="composer"
        data-testid="composer"
        aria-label="Message, or a command starting with !"
        rows={Math.min(8, draft.split('\n').length)}
        placeholder={
          isViewer
            ? 'You are a viewer: you can read this room. A lead can make you an analyst (Settings → Team).'
            : 'Write to the room; start a line with ! to run a command (!vtip 8.8.8.8, !whois example.com, !help)'
        }
        value={draft}
        readOnly={isSending || isViewer}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        spellCheck={false}
      />
      </div>
      <div className="composer-hint" data-testid="composer-hint">
        {err ? (
          <span className="error-text" role="alert">
            {err.headline}: {err.detail}
          </span>
        ) : willRun ? (
          <span data-testid="composer-will-run">
            <span className="run-badge">runs</span> {using ? <code>{using.usage}</code> : null}{' '}
            <span className="muted">{using ? `— ${using.summary}` : '— a command: Enter runs it'}</span>
          </span>
        ) : offerRun ? (
          <span className="muted" data-testid="composer-offer-run">
            Sends as chat. Run as command? <kbd>Ctrl+Enter</kbd>
          </span>
        ) : (
          <span className="muted">Enter sends · Shift+Enter new line · ↑ last line · ! runs a command · Tab completes · drop or paste files to attach</span>
        )}
      </div>
    </div>
  )
}
