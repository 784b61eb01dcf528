/**
 * The chat command grammar: shell-like words, never a shell. Nothing is expanded: `$`, backticks,
 * globs, `;`, `|` and `&&` are ordinary characters inside a word.
 */
import { VirgilError } from './errors'

export interface ParsedArgs {
  positional: string[]
  flags: Record<string, string | true>
}

const WHITESPACE = /\s/

/**
 * What a backslash may escape outside quotes: a quote or a space. Any other backslash is kept, even
 * a doubled one, so Windows paths (`C:\Users\bob`) and UNC shares (`\\srv\c$`) arrive intact.
 */
function isEscapable(ch: string | undefined): ch is string {
  return ch !== undefined && (ch === '"' || ch === "'" || WHITESPACE.test(ch))
}

function preview(line: string): string {
  const flat = line.trim().replace(/\s+/g, ' ')
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}

/**
 * Split a command line into words. Whitespace separates; '…' keeps everything literally; "…" keeps
 * everything but `\"` (a literal quote); outside quotes a backslash escapes a quote or a space.
 * Quotes are removed; `''` is an empty word. A value ending in a backslash goes in single quotes.
 */
export function tokenize(line: string): string[] {
  const tokens: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | null = null

  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string
    const next = line[i + 1]
    if (quote === "'") {
      if (ch === "'") quote = null
      else word += ch
    } else if (quote === '"') {
      if (ch === '"') quote = null
      else if (ch === '\\' && next === '"') {
        word += next
        i++
      } else word += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      inWord = true
    } else if (ch === '\\' && isEscapable(next)) {
      word += next
      inWord = true
      i++
    } else if (WHITESPACE.test(ch)) {
      if (inWord) tokens.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }

  if (quote !== null) {
    throw new VirgilError(
      'BAD_INPUT',
      `Unclosed quote in the command: ${preview(line)}. Close the ${quote} quote, or put a backslash before it to use it literally.`
    )
  }
  if (inWord) tokens.push(word)
  return tokens
}

const LONG_FLAG = /^--([A-Za-z0-9][A-Za-z0-9-]*)(?:=([\s\S]*))?$/
const SHORT_FLAG = /^-([A-Za-z])$/

/**
 * Split words into positional arguments and flags: `--name value`, `--name=value`, `-n value`,
 * boolean flags named in `booleanFlags` (long or one-letter names), and `--` ending the flags.
 * A word like `-5` or `-` stays positional. A repeated flag keeps its last value.
 */
export function parseArgs(tokens: readonly string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positional: string[] = []
  const flags: Record<string, string | true> = Object.create(null) as Record<string, string | true>
  const isBoolean = new Set(booleanFlags)

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    if (token === '--') {
      positional.push(...tokens.slice(i + 1))
      break
    }
    const long = LONG_FLAG.exec(token)
    const short = long ? null : SHORT_FLAG.exec(token)
    if (!long && !short) {
      if (token.startsWith('--')) {
        throw new VirgilError('BAD_INPUT', `"${token}" is not a valid flag. Flags look like --hours 24 or --hours=24.`)
      }
      positional.push(token)
      continue
    }
    const name = (long?.[1] ?? short?.[1]) as string
    const shown = long ? `--${name}` : `-${name}`
    const inlineValue = long?.[2]

    if (isBoolean.has(name)) {
      if (inlineValue !== undefined) {
        throw new VirgilError('BAD_INPUT', `Flag ${shown} is a switch and takes no value. Write just ${shown}.`)
      }
      flags[name] = true
    } else if (inlineValue !== undefined) {
      flags[name] = inlineValue
    } else {
      const value = tokens[i + 1]
      if (value === undefined || value === '--' || LONG_FLAG.test(value)) {
        throw new VirgilError('BAD_INPUT', `Flag ${shown} needs a value, e.g. ${shown} <value>.`)
      }
      flags[name] = value
      i++
    }
  }
  return { positional, flags }
}

/** Remove one leading `/` or `!` (Slack-style `/vtip`, XSOAR-style `!vtip`) and leading spaces. */
export function stripCommandPrefix(text: string): string {
  const trimmed = text.trimStart()
  return /^[/!]\S/.test(trimmed) ? trimmed.slice(1) : trimmed
}

/** The prefix every command line starts with; `/` is accepted too. */
export const COMMAND_PREFIX = '!'

function firstWord(text: string): string {
  return (stripCommandPrefix(text).split(/\s/, 1)[0] ?? '').toLowerCase()
}

/**
 * True when a chat line is meant to run as a command. Commands are explicit: `!word …` is always a
 * command attempt (an unknown word is answered with the list, never posted as chat), `/word …` only
 * when the word is a command (so a pasted path like `/var/log/auth.log` stays chat), and a plain
 * line never runs, even when its first word is a command word ("whois owns this box?").
 * Never throws, even on an unclosed quote: running the command reports that.
 */
export function isCommandLine(text: string, commandWords: readonly string[]): boolean {
  const trimmed = text.trimStart()
  if (/^![A-Za-z]/.test(trimmed)) return true
  if (/^\/[A-Za-z]/.test(trimmed)) return commandWords.includes(firstWord(trimmed))
  return false
}

/** A plain chat line whose first word is a command word: the composer offers to run it instead. */
export function looksLikeCommand(text: string, commandWords: readonly string[]): boolean {
  const trimmed = text.trimStart()
  if (trimmed === '' || /^[!/]/.test(trimmed)) return false
  return commandWords.includes(firstWord(trimmed))
}

/** The line with the command prefix added when it has none (`vtip 8.8.8.8` → `!vtip 8.8.8.8`). */
export function withCommandPrefix(text: string): string {
  const trimmed = text.trimStart()
  return /^[!/]\S/.test(trimmed) ? trimmed : `${COMMAND_PREFIX}${trimmed}`
}
