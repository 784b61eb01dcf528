import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A small scoped logger: one line per entry on stderr, `level scope: message {context}`, and, once
 * `logToFile(dataDir)` ran, the same line in a rotating file in the data directory.
 * Secrets never reach it in plain text: values registered with `registerSecret` (the vault does
 * this for every secret it seals or opens) and well-known token shapes are replaced by [redacted].
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const known = new Set<string>()
const SHAPES: RegExp[] = [
  /xox[abprs]-[A-Za-z0-9-]{6,}/g, // Slack bot, user and refresh tokens
  /xapp-[A-Za-z0-9-]{6,}/g, // Slack app-level tokens
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{8,}/gi,
  /((?:password|passwd|secret|token|apikey|api_key|x-apikey)["']?\s*[:=]\s*["']?)[^\s"',;&]{4,}/gi
]

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void
  info(message: string, context?: Record<string, unknown>): void
  warn(message: string, context?: Record<string, unknown>): void
  error(message: string, context?: Record<string, unknown>): void
  child(scope: string): Logger
}

export type LogSink = (line: string) => void

let sink: LogSink = (line) => process.stderr.write(`${line}\n`)
let fileSink: LogSink | undefined

/** Tests capture what would be printed; returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink
  sink = next
  return previous
}

export interface LogFileOptions {
  /** Rotate when the current file passes this size (default 5 MB). */
  maxBytes?: number
  /** Rotated files kept beside the current one: virgil.log.1 … virgil.log.N (default 3). */
  keep?: number
}

/**
 * Also writes every line to `dir/virgil.log`, rotating to virgil.log.1…N by size. A file that cannot
 * be written never stops the app: the line still went to stderr. Returns the undo (tests, close).
 */
export function logToFile(dir: string, options: LogFileOptions = {}): () => void {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const keep = Math.max(1, options.keep ?? 3)
  const path = join(dir, 'virgil.log')
  mkdirSync(dir, { recursive: true })
  let size = Math.max(0, fileSize(path))
  const rotate = (): void => {
    rmSync(`${path}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) if (fileSize(`${path}.${i}`) >= 0) renameSync(`${path}.${i}`, `${path}.${i + 1}`)
    renameSync(path, `${path}.1`)
    size = 0
  }
  const mine: LogSink = (line) => {
    try {
      const bytes = Buffer.byteLength(line) + 1
      if (size > 0 && size + bytes > maxBytes) rotate()
      appendFileSync(path, `${line}\n`, { mode: 0o600 })
      size += bytes
    } catch {
      // The disk is full or the folder went away: stderr still has the line.
    }
  }
  fileSink = mine
  return () => {
    if (fileSink === mine) fileSink = undefined
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return -1
  }
}

/** A secret value to scrub from every log line (short values are ignored: too likely to hit plain words). */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) known.add(value)
}

export function redact(text: string): string {
  let out = text
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('[redacted]')
  for (const shape of SHAPES) {
    out = out.replace(shape, (match, prefix: unknown) => (typeof prefix === 'string' && /[:=\s]$/.test(prefix) ? `${prefix}[redacted]` : '[redacted]'))
  }
  return out
}

function threshold(): number {
  const wanted = (process.env.VIRGIL_LOG_LEVEL ?? 'info').toLowerCase() as LogLevel
  return ORDER[wanted] ?? ORDER.info
}

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack }
  }
  return value
}

function render(context: Record<string, unknown> | undefined): string {
  if (!context || Object.keys(context).length === 0) return ''
  try {
    return ` ${JSON.stringify(context, (_k, v: unknown) => describe(v))}`
  } catch {
    return ' {"context":"(could not be printed)"}'
  }
}

export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, context?: Record<string, unknown>): void => {
    if (ORDER[level] < threshold()) return
    const line = redact(`${new Date().toISOString()} ${level} ${scope}: ${message}${render(context)}`)
    sink(line)
    fileSink?.(line)
  }
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (sub) => createLogger(`${scope}.${sub}`)
  }
}

/**
 * What a command-line entry point prints for its user (results, usage, the "serving at" link):
 * not a log line, so no level, time or redaction (the serve link's token is meant for the analyst).
 * The only other way text reaches a terminal; never pass it a secret.
 */
export const terminal = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`)
}
