import { LogLevel, type Logger } from '@slack/web-api'

export type SlackLogSink = (level: 'warn' | 'error', message: string) => void

/**
 * The Slack SDKs log to the console by default; ours forwards warnings and errors to the caller's
 * scoped logger (or drops them) so failures are logged once, at our boundary.
 */
export function quietLogger(sink?: SlackLogSink): Logger {
  let level = LogLevel.WARN
  const join = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ')
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => sink?.('warn', join(parts)),
    error: (...parts: unknown[]) => sink?.('error', join(parts)),
    setLevel: (next: LogLevel) => {
      level = next
    },
    getLevel: () => level,
    setName: () => undefined
  }
}
