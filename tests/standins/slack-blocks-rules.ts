import { SlackApiError } from './slack-wire'

/** Block Kit limits Slack enforces on chat.postMessage / chat.update (it answers invalid_blocks). */
const KNOWN_TYPES = new Set(['section', 'context', 'header', 'divider', 'rich_text', 'actions', 'image', 'markdown'])

function fail(problem: string, pointer: string): never {
  const message = `${problem} [json-pointer:${pointer}]`
  throw new SlackApiError('invalid_blocks', { errors: [message], response_metadata: { messages: [`[ERROR] ${message}`] } })
}

function textOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined
  const text = (value as { text?: unknown; type?: unknown }).text
  return typeof text === 'string' ? text : undefined
}

function checkText(value: unknown, max: number, pointer: string): void {
  const text = textOf(value)
  if (text === undefined) fail('must provide a text object', pointer)
  if (text.length === 0) fail('must be more than 0 characters', `${pointer}/text`)
  if (text.length > max) fail(`must be less than ${max + 1} characters`, `${pointer}/text`)
}

export function validateBlocks(blocks: unknown): void {
  if (!Array.isArray(blocks)) fail('must be an array', '/blocks')
  if (blocks.length > 50) fail('must have at most 50 items', '/blocks')
  blocks.forEach((block: Record<string, unknown>, i) => {
    const at = `/blocks/${i}`
    if (!block || typeof block !== 'object' || !KNOWN_TYPES.has(String(block['type']))) fail('unsupported type', `${at}/type`)
    if (block['type'] === 'section') {
      const fields = block['fields']
      if (block['text'] === undefined && fields === undefined) fail('must provide either text or fields', at)
      if (block['text'] !== undefined) checkText(block['text'], 3000, `${at}/text`)
      if (fields !== undefined) {
        if (!Array.isArray(fields) || fields.length > 10) fail('must have at most 10 items', `${at}/fields`)
        fields.forEach((field, j) => checkText(field, 2000, `${at}/fields/${j}`))
      }
    }
    if (block['type'] === 'header') {
      checkText(block['text'], 150, `${at}/text`)
      if ((block['text'] as { type?: unknown }).type !== 'plain_text') fail('must be a plain_text object', `${at}/text/type`)
    }
    if (block['type'] === 'context') {
      const elements = block['elements']
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) fail('must have between 1 and 10 items', `${at}/elements`)
      elements.forEach((element, j) => checkText(element, 3000, `${at}/elements/${j}`))
    }
  })
}
