import type { SlackMessageBody } from '../../../src/main/core/integrations/slack/blocks'
import { unescapeMrkdwn } from '../../../src/main/core/integrations/slack/split'

/** Reads back the preformatted body exactly as a reader of the Slack messages would see it. */
export function codeBodyOf(messages: SlackMessageBody[]): string {
  return messages
    .flatMap((m) => m.blocks)
    .flatMap((b) => (b.type === 'section' && 'text' in b && b.text.text.startsWith('```\n') ? [b.text.text] : []))
    .map((text) => unescapeMrkdwn(text.slice(4, -4).replace(/``\u200b`/g, '```')))
    .join('')
}
