/**
 * Size limits both sides know. The serve WebSocket refuses a frame over MAX_FRAME_BYTES (close code
 * 1009); a chat line holds at most MAX_LINE_BYTES of UTF-8, so a line always fits in one frame.
 * The composer checks a paste against these before sending (and attachments will reuse them).
 */
export const MAX_FRAME_BYTES = 1024 * 1024
export const MAX_LINE_BYTES = 100 * 1000

/** WebSocket close codes a server uses when it refuses a frame (RFC 6455 §7.4.1). */
export const CLOSE_TOO_BIG = 1009
export const CLOSE_NOT_UTF8 = 1007
export const CLOSE_UNSUPPORTED = 1003

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

/** 3_200_000 → "3.2 MB", 100_000 → "100 KB", 512 → "512 bytes" (decimal units, as file managers show). */
export function sizeWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} KB`
  return `${bytes} bytes`
}

/** Why a line cannot be sent as it is, or null when it fits: "This paste is 3.2 MB; a line can hold 100 KB. …". */
export function lineTooLong(text: string, subject = 'This paste is'): string | null {
  const bytes = utf8Bytes(text)
  if (bytes <= MAX_LINE_BYTES) return null
  return `${subject} ${sizeWords(bytes)}; a line can hold ${sizeWords(MAX_LINE_BYTES)}. Attach it as a file instead.`
}
