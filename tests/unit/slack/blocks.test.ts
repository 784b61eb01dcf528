import { describe, expect, it } from 'vitest'
import { chatMessage, commandLine, commandOutput, statusLine, type SlackMessageBody } from '../../../src/main/core/integrations/slack/blocks'
import { codeBodyOf } from './slack-test-helpers'
import { cutToFit, escapeMrkdwn, SLACK_LIMITS, splitForSlack, unescapeMrkdwn } from '../../../src/main/core/integrations/slack/split'

function sectionTexts(messages: SlackMessageBody[]): string[] {
  return messages.flatMap((m) => m.blocks).flatMap((b) => (b.type === 'section' && 'text' in b ? [b.text.text] : []))
}

describe('mrkdwn escaping', () => {
  it('escapes only &, < and > so a pasted <script> or <!channel> stays literal text', () => {
    expect(escapeMrkdwn('a & b <!channel> <script>x</script>')).toBe('a &amp; b &lt;!channel&gt; &lt;script&gt;x&lt;/script&gt;')
    const [message] = chatMessage('ping <!here> & *bold*')
    expect(message?.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'ping &lt;!here&gt; &amp; *bold*' } })
  })
})

describe('splitForSlack', () => {
  it('cuts at line ends, keeps each escaped chunk within the section limit, and loses nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} <ip>&<domain> ${'x'.repeat(i % 37)}`)
    const text = lines.join('\n')
    const plan = splitForSlack(text, { maxChunks: 100 })
    expect(plan.kind).toBe('chunks')
    if (plan.kind !== 'chunks') return
    expect(plan.chunks.length).toBeGreaterThan(1)
    expect(plan.chunks.join('')).toBe(text)
    for (const chunk of plan.chunks) {
      expect(('```\n' + escapeMrkdwn(chunk) + '\n```').length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText)
      expect(chunk.endsWith('\n') || chunk === plan.chunks.at(-1)).toBe(true)
    }
  })

  it('hard-cuts a single huge line without splitting a surrogate pair', () => {
    const text = '🔥'.repeat(5000)
    const pieces = cutToFit(text, 101)
    expect(pieces.join('')).toBe(text)
    for (const piece of pieces) expect(piece).toMatch(/^(?:🔥)+$/u)
  })

  it('says "upload" past the inline limit and gives a short preview', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `10.0.${i % 255}.${i % 7} ACCEPT 443`).join('\n')
    const plan = splitForSlack(text)
    expect(plan.kind).toBe('upload')
    if (plan.kind !== 'upload') return
    expect(plan.preview.length).toBeLessThanOrEqual(1500)
    expect(text.startsWith(plan.preview)).toBe(true)
    expect(plan.size).toBe(Buffer.byteLength(text))
  })
})

describe('builders', () => {
  it('renders a status line as a context block and a command line as inline code', () => {
    expect(statusLine('Priority changed to P2')[0]?.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Priority changed to P2' }] })
    expect(commandLine('vtip 8.8.8.8')[0]?.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '`vtip 8.8.8.8`' } })
    expect(codeBodyOf(commandLine('echo `id` ```'))).toBe('echo `id` ```')
  })

  it('renders command output as header, fields in sections of at most 10, and a code block', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: `v<${i}>` }))
    const rendered = commandOutput({ title: 'VirusTotal 8.8.8.8', summary: '0/94 engines flag it', tone: 'ok', fields, text: 'AS15169 GOOGLE' })
    const blocks = rendered.messages.flatMap((m) => m.blocks)
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':large_green_circle: VirusTotal 8.8.8.8', emoji: true } })
    const fieldSections = blocks.filter((b) => b.type === 'section' && 'fields' in b)
    expect(fieldSections.map((b) => ('fields' in b ? b.fields.length : 0))).toEqual([10, 10, 3])
    expect(JSON.stringify(blocks)).toContain('v&lt;22&gt;')
    expect(codeBodyOf(rendered.messages)).toBe('AS15169 GOOGLE')
    expect(rendered.upload).toBeUndefined()
  })

  it('renders a table as aligned monospace text', () => {
    const rendered = commandOutput({ title: 'ec2 list', table: { columns: ['Id', 'State'], rows: [['i-0abc', 'running'], ['i-1', 'stopped']] } })
    expect(codeBodyOf(rendered.messages)).toBe('Id      State\n------  -------\ni-0abc  running\ni-1     stopped')
  })

  it('keeps every message within 50 blocks when a chat line is enormous', () => {
    const text = 'word '.repeat(60_000)
    const messages = chatMessage(text)
    expect(messages.length).toBeGreaterThan(1)
    for (const message of messages) expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage)
    expect(sectionTexts(messages).map(unescapeMrkdwn).join('')).toBe(text)
  })

  it('moves a body past the inline limit to an upload, preview inline, nothing dropped', () => {
    const body = Array.from({ length: 4000 }, (_, i) => `${i}\t<evil.example>\t&`).join('\n')
    const rendered = commandOutput({ title: 'whois dump', text: body }, { uploadName: 'whois.txt' })
    expect(rendered.upload).toEqual({ filename: 'whois.txt', title: 'whois dump', content: body })
    expect(JSON.stringify(rendered.messages)).toContain('attached as whois.txt')
  })
})
