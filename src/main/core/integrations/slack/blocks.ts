import type { CommandOutput, OutputTable, Tone } from '../../../../shared/command-output'
import { codeBlock, cutToFit, escapeMrkdwn, SLACK_LIMITS, splitForSlack } from './split'

export type SlackText = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji?: boolean }

export type SlackBlock =
  | { type: 'section'; text: SlackText }
  | { type: 'section'; fields: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }

export interface SlackMessageBody {
  /** Notification and fallback text; the blocks carry the content. */
  text: string
  blocks: SlackBlock[]
}

export interface SlackUpload {
  filename: string
  title: string
  content: string
}

/** What one room entry becomes in Slack: one or more messages, and a file when it is too long to show. */
export interface RenderedForSlack {
  messages: SlackMessageBody[]
  upload?: SlackUpload
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text })
const TONE_EMOJI: Record<Tone, string> = { ok: ':large_green_circle:', info: ':information_source:', warn: ':warning:', danger: ':red_circle:' }

function fallback(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ').trim()
  return escapeMrkdwn(oneLine.length > 300 ? `${oneLine.slice(0, 299)}…` : oneLine)
}

function sections(raw: string): SlackBlock[] {
  return cutToFit(raw, SLACK_LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(escapeMrkdwn(piece)) }))
}

/** Packs blocks into messages that respect 50 blocks and a sane amount of text per message. */
export function packMessages(blocks: SlackBlock[], text: string): SlackMessageBody[] {
  const messages: SlackMessageBody[] = []
  let current: SlackBlock[] = []
  let chars = 0
  for (const block of blocks) {
    const size = JSON.stringify(block).length
    if (current.length > 0 && (current.length === SLACK_LIMITS.blocksPerMessage || chars + size > SLACK_LIMITS.blockTextPerMessage)) {
      messages.push({ text, blocks: current })
      current = []
      chars = 0
    }
    current.push(block)
    chars += size
  }
  if (current.length > 0 || messages.length === 0) messages.push({ text, blocks: current })
  return messages
}

/** An analyst's chat line, escaped so `<`, `>` and `&` show as typed. */
export function chatMessage(text: string): SlackMessageBody[] {
  return packMessages(sections(text), fallback(text))
}

/** A system or status line ("Priority changed to P2"), shown small and grey. */
export function statusLine(text: string): SlackMessageBody[] {
  const blocks: SlackBlock[] = cutToFit(text, SLACK_LIMITS.sectionText).map((piece) => ({
    type: 'context',
    elements: [mrkdwn(escapeMrkdwn(piece))]
  }))
  return packMessages(blocks, fallback(text))
}

/** The command an analyst ran, as inline code when it fits, a code block otherwise. */
export function commandLine(line: string): SlackMessageBody[] {
  const fitsInline = !line.includes('`') && !line.includes('\n') && line.length < 2900
  const blocks: SlackBlock[] = fitsInline
    ? [{ type: 'section', text: mrkdwn('`' + escapeMrkdwn(line) + '`') }]
    : splitCode(line)
  return packMessages(blocks, fallback(line))
}

function splitCode(raw: string): SlackBlock[] {
  const plan = splitForSlack(raw, { maxChunks: Number.MAX_SAFE_INTEGER })
  const chunks = plan.kind === 'chunks' ? plan.chunks : [raw]
  return chunks.map((chunk) => ({ type: 'section', text: mrkdwn(codeBlock(chunk)) }))
}

export function renderTable(table: OutputTable): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) => widths.map((width, i) => (cells[i] ?? '').padEnd(width)).join('  ').trimEnd()
  return [line(table.columns), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n')
}

function headerBlocks(output: CommandOutput): SlackBlock[] {
  const tone = output.tone ? `${TONE_EMOJI[output.tone]} ` : ''
  const title = tone + (output.title.trim() || 'Command output')
  if (title.length <= SLACK_LIMITS.headerText) return [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }]
  return sections(`*${title}*`)
}

function fieldBlocks(output: CommandOutput): SlackBlock[] {
  const short: SlackText[] = []
  const long: SlackBlock[] = []
  for (const field of output.fields ?? []) {
    const text = `*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`
    if (text.length <= SLACK_LIMITS.fieldText) short.push(mrkdwn(text))
    else long.push(...sections(`${field.label}:\n${field.value}`))
  }
  const blocks: SlackBlock[] = []
  for (let i = 0; i < short.length; i += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: short.slice(i, i + SLACK_LIMITS.fieldsPerSection) })
  }
  return [...blocks, ...long]
}

/**
 * A command's structured output: header, summary, fields and the preformatted body in code blocks.
 * A body too long to read in a channel is uploaded whole as `uploadName` with a preview posted inline.
 */
export function commandOutput(output: CommandOutput, options: { uploadName?: string; maxInlineChunks?: number } = {}): RenderedForSlack {
  const blocks: SlackBlock[] = [...headerBlocks(output)]
  if (output.summary) blocks.push(...sections(output.summary))
  blocks.push(...fieldBlocks(output))
  const body = [output.table ? renderTable(output.table) : '', output.text ?? ''].filter((part) => part !== '').join('\n\n')
  let upload: SlackUpload | undefined
  if (body !== '') {
    const plan = splitForSlack(body, options.maxInlineChunks === undefined ? {} : { maxChunks: options.maxInlineChunks })
    if (plan.kind === 'chunks') {
      blocks.push(...plan.chunks.map((chunk): SlackBlock => ({ type: 'section', text: mrkdwn(codeBlock(chunk)) })))
    } else {
      const filename = options.uploadName ?? 'output.txt'
      const lines = body.split('\n').length
      blocks.push({ type: 'section', text: mrkdwn(codeBlock(plan.preview)) })
      blocks.push({
        type: 'context',
        elements: [mrkdwn(`Full output (${lines} lines, ${Math.ceil(plan.size / 1024)} KB) is attached as ${escapeMrkdwn(filename)}.`)]
      })
      upload = { filename, title: output.title || 'Command output', content: body }
    }
  }
  const text = fallback(output.summary ? `${output.title}: ${output.summary}` : output.title)
  const messages = packMessages(blocks, text)
  return upload ? { messages, upload } : { messages }
}
