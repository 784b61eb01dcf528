import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef } from 'react'
import type { Message } from '../../../shared/domain'
import { useTimeline } from '../stores/timeline'
import { MessageItem } from './MessageItem'

const LOAD_OLDER_WITHIN_PX = 300
const GROUP_WITHIN_MS = 5 * 60_000

function continues(prev: Message | undefined, m: Message): boolean {
  if (!prev || prev.kind === 'system' || m.kind === 'system' || m.replyTo) return false
  return prev.author.id === m.author.id && prev.via === m.via && m.at - prev.at < GROUP_WITHIN_MS
}

/** The room's lines, virtualized: only what is on screen is in the DOM, even at 100k lines. */
export function Timeline({ isReadOnly = false }: { isReadOnly?: boolean }) {
  const messages = useTimeline((s) => s.messages)
  const hasMore = useTimeline((s) => s.hasMore)
  const isLoading = useTimeline((s) => s.isLoading)
  const focus = useTimeline((s) => s.focus)
  const loadOlder = useTimeline((s) => s.loadOlder)
  const scroller = useRef<HTMLDivElement>(null)
  const didInitialScroll = useRef(false)

  const byId = useMemo(() => {
    const map = new Map<string, Message>()
    for (const m of messages) map.set(m.id, m)
    return map
  }, [messages])

  // The virtualizer is mutable by design; nothing memoized receives its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 40,
    overscan: 12,
    paddingStart: 6,
    paddingEnd: 8,
    getItemKey: (i) => messages[i]?.id ?? i,
    // Chat behaviour: stay pinned to the newest line while at the bottom; keep the view still when older lines arrive above.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 48
  })

  useEffect(() => {
    if (didInitialScroll.current || isLoading || messages.length === 0) return
    didInitialScroll.current = true
    if (!focus) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' })
  }, [isLoading, messages.length, focus, virtualizer])

  useEffect(() => {
    if (!focus) return
    const index = messages.findIndex((m) => m.id === focus.messageId)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' })
    // Only a new focus request scrolls, not every new message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus])

  const onScroll = () => {
    const el = scroller.current
    if (el && el.scrollTop < LOAD_OLDER_WITHIN_PX && hasMore && !isLoading) void loadOlder()
  }

  return (
    <div className="timeline-wrap">
      {!isLoading && messages.length === 0 && !isReadOnly && (
        <p className="timeline-empty muted">Nothing here yet. Write what you see, or run a command with ! (!help lists them): suggestions are on the right.</p>
      )}
      {hasMore && isLoading && <div className="timeline-more">Loading earlier lines…</div>}
      <div className="timeline" data-testid="timeline" ref={scroller} onScroll={onScroll} role="log">
        <div className="timeline-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const m = messages[row.index]
            if (!m) return null
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className="timeline-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <MessageItem
                  message={m}
                  repliedTo={m.replyTo ? byId.get(m.replyTo) : undefined}
                  isFocused={focus?.messageId === m.id}
                  isContinuation={continues(messages[row.index - 1], m)}
                  isReadOnly={isReadOnly}
                />
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
