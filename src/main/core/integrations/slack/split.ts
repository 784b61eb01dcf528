/** Slack's documented limits that shape how we cut text. */
export const SLACK_LIMITS = {
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  blocksPerMessage: 50,
  /** chat.postMessage truncates `text` past 40,000 characters; we keep each message's block text well under. */
  messageText: 40_000,
  blockTextPerMessage: 36_000
} as const

/** Code-block chunks beyond this count go to a file upload instead of flooding the channel. */
export const DEFAULT_MAX_INLINE_CHUNKS = 6

const FENCE_OVERHEAD = '```\n\n```'.length

/** Slack mrkdwn needs only these three escaped; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/** A fenced code block; a zero-width space keeps a ``` inside the text from closing the fence early. */
export function codeBlock(raw: string): string {
  return '```\n' + escapeMrkdwn(raw).replace(/```/g, '``\u200b`') + '\n```'
}

/** Worst-case length of one character after escaping and fence protection. */
function escapedCost(ch: string): number {
  if (ch === '&') return 5
  if (ch === '<' || ch === '>') return 4
  if (ch === '`') return 2
  return ch.length
}

/**
 * Cuts `text` into pieces whose escaped length fits `limit`, preferring line ends, never splitting a
 * surrogate pair. `pieces.join('') === text`, always.
 */
export function cutToFit(text: string, limit: number): string[] {
  if (limit < 8) throw new Error(`cutToFit limit ${limit} is too small`)
  const pieces: string[] = []
  let start = 0
  let cost = 0
  let lastLineEnd = -1
  let index = 0
  for (const ch of text) {
    const next = escapedCost(ch)
    while (cost + next > limit) {
      const cut = lastLineEnd > start ? lastLineEnd : index
      pieces.push(text.slice(start, cut))
      cost = cost - costOf(text.slice(start, cut))
      start = cut
      lastLineEnd = -1
    }
    cost += next
    index += ch.length
    if (ch === '\n') lastLineEnd = index
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start))
  return pieces
}

function costOf(text: string): number {
  let total = 0
  for (const ch of text) total += escapedCost(ch)
  return total
}

export type SlackTextPlan = { kind: 'chunks'; chunks: string[] } | { kind: 'upload'; preview: string; size: number }

/**
 * Plans how a long preformatted text reaches Slack: as code-block-sized chunks (nothing truncated), or,
 * past `maxChunks`, as a file upload with a short preview.
 */
export function splitForSlack(
  text: string,
  options: { maxChunks?: number; chunkLimit?: number } = {}
): SlackTextPlan {
  const chunkLimit = options.chunkLimit ?? SLACK_LIMITS.sectionText - FENCE_OVERHEAD
  const maxChunks = options.maxChunks ?? DEFAULT_MAX_INLINE_CHUNKS
  const chunks = cutToFit(text, chunkLimit)
  if (chunks.length <= maxChunks) return { kind: 'chunks', chunks }
  return { kind: 'upload', preview: previewOf(text, chunkLimit), size: Buffer.byteLength(text, 'utf8') }
}

function previewOf(text: string, chunkLimit: number): string {
  const firstLines = text.split('\n').slice(0, 20).join('\n')
  return cutToFit(firstLines, Math.min(chunkLimit, 1500))[0] ?? ''
}
