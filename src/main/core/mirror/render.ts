import type { Incident } from '../../../shared/domain'
import { packMessages, type SlackBlock, type SlackMessageBody } from '../integrations/slack/blocks'
import { cutToFit, escapeMrkdwn, SLACK_LIMITS } from '../integrations/slack/split'

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text })
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** `INC0000042` -> 42: the number Slack channel names carry. */
export function incidentNumber(incident: Pick<Incident, 'number'>): number {
  return Number(incident.number.replace(/\D/g, '') || '0')
}

export function topicOf(incident: Incident): string {
  return `${incident.priority} · ${incident.status} · leader ${incident.leader}`
}

export function purposeOf(incident: Incident): string {
  return `${incident.number}: ${incident.title}. Mirrored from the Virgil war room.`
}

function factFields(incident: Incident): SlackBlock {
  const fact = (label: string, value: string) => mrkdwn(`*${label}*\n${clip(escapeMrkdwn(value), 1900)}`)
  return {
    type: 'section',
    fields: [
      fact('Priority', incident.priority),
      fact('Status', incident.status),
      fact('Leader', incident.leader),
      fact('Opened by', incident.openedBy.name),
      fact('Source', incident.source),
      fact('Members', incident.members.length ? incident.members.join(', ') : 'none yet')
    ]
  }
}

/** The first post of an incident's channel: what it is, who leads it, and how the mirror works. */
export function headerMessages(incident: Incident, notInvited: string[]): SlackMessageBody[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${incident.number} · ${incident.title}`, SLACK_LIMITS.headerText), emoji: false } },
    factFields(incident)
  ]
  if (incident.description.trim()) {
    for (const piece of cutToFit(incident.description, SLACK_LIMITS.sectionText)) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(piece)) })
  }
  const notes = ['This channel mirrors the Virgil war room both ways. Commands typed here (e.g. `vtip 1.2.3.4`) run for analysts allowed to.']
  if (notInvited.length) notes.push(`Not invited (no Slack account mapped in Settings → Slack): ${escapeMrkdwn(notInvited.join(', '))}.`)
  blocks.push({ type: 'context', elements: notes.map(mrkdwn) })
  return packMessages(blocks, escapeMrkdwn(`${incident.number} ${incident.priority}: ${clip(incident.title, 200)}`))
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days ${hours % 24} h`
}

/** Posted when the incident closes, just before the channel is archived. */
export function summaryMessages(incident: Incident, counts: { messages: number; commands: number }, closedBy: string, now: number): SlackMessageBody[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Closed: ${incident.number} · ${incident.title}`, SLACK_LIMITS.headerText), emoji: false } },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Closed by*\n${escapeMrkdwn(closedBy)}`),
        mrkdwn(`*Open for*\n${duration(now - incident.openedAt)}`),
        mrkdwn(`*Priority*\n${incident.priority}`),
        mrkdwn(`*Leader*\n${escapeMrkdwn(incident.leader)}`),
        mrkdwn(`*Messages*\n${counts.messages}`),
        mrkdwn(`*Commands run*\n${counts.commands}`)
      ]
    },
    { type: 'context', elements: [mrkdwn('The full record stays in Virgil (export it from the room). This channel is archived now.')] }
  ]
  return packMessages(blocks, escapeMrkdwn(`${incident.number} closed by ${closedBy}`))
}

/** A line in the SOC's alerts channel. */
export function alertMessages(headline: string, details: string[]): SlackMessageBody[] {
  const blocks: SlackBlock[] = [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(clip(headline, 2900))}*`) }]
  const body = details.filter(Boolean).join('\n')
  if (body) for (const piece of cutToFit(body, SLACK_LIMITS.sectionText)) blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(piece))] })
  return packMessages(blocks, escapeMrkdwn(clip(headline, 300)))
}
