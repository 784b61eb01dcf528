import { memo } from 'react'
import type { Message } from '../../../shared/domain'
import { clockTime, fullTime } from '../lib/time'
import { CommandBlock } from './CommandBlock'
import { EvidenceCard } from './EvidenceCard'
import { MessageActions } from './MessageActions'

interface Props {
  message: Message
  repliedTo: Message | undefined
  isFocused: boolean
  /** Same author a moment after the previous line: no repeated name and time. */
  isContinuation: boolean
  /** An archived room: no reply, no marks. */
  isReadOnly?: boolean
}

function snippet(m: Message): string {
  const text = m.command ? m.command.line : m.text
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

export const MessageItem = memo(function MessageItem({ message: m, repliedTo, isFocused, isContinuation, isReadOnly = false }: Props) {
  const classes = ['message', `kind-${m.kind}`, m.mark ? `marked-${m.mark}` : '', isFocused ? 'focused' : '', isContinuation ? 'continuation' : '']
    .filter(Boolean)
    .join(' ')
  const tags = (
    <>
      {m.via === 'slack' && <span className="tag">via Slack</span>}
      {m.via === 'alert' && <span className="tag">alert</span>}
      {m.mark && <span className={`tag tag-${m.mark}`}>{m.mark}</span>}
      {m.editedAt && <span className="muted small">edited</span>}
    </>
  )
  const hasTags = m.via === 'slack' || m.via === 'alert' || !!m.mark || !!m.editedAt
  if (m.kind === 'system') {
    return (
      <div className={classes} data-testid="message" data-kind="system" data-id={m.id}>
        <span className="message-time" title={fullTime(m.at)}>
          {clockTime(m.at)}
        </span>
        <span className="system-text">{m.text}</span>
      </div>
    )
  }
  return (
    <div
      className={classes}
      data-testid="message"
      data-kind={m.kind}
      data-status={m.command?.status}
      data-id={m.id}
      data-mark={m.mark}
    >
      {!isContinuation ? (
        <div className="message-head">
          <span className="message-author">{m.author.name}</span>
          <span className="message-time" title={fullTime(m.at)}>
            {clockTime(m.at)}
          </span>
          {tags}
        </div>
      ) : (
        hasTags && <div className="message-head">{tags}</div>
      )}
      {m.replyTo && (
        <div className="reply-ref">↳ {repliedTo ? `${repliedTo.author.name}: ${snippet(repliedTo)}` : 'an earlier message'}</div>
      )}
      {m.deleted ? (
        <div className="muted">message deleted</div>
      ) : m.command ? (
        <CommandBlock run={m.command} />
      ) : m.evidence ? (
        <EvidenceCard evidence={m.evidence} />
      ) : (
        <div className="message-text">{m.text}</div>
      )}
      {!m.deleted && !isReadOnly && <MessageActions message={m} time={isContinuation ? clockTime(m.at) : undefined} />}
    </div>
  )
})
