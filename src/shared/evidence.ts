/** Evidence intake: what a card in the room shows, and the limits both sides agree on. */
import type { Ioc } from './ioc'
import type { UserRef } from './user'

/** The longest chat line; a longer paste becomes an attachment instead. */
export const CHAT_TEXT_MAX = 100_000
/** Default upload limit (50 MB); the data directory's configuration may lower or raise it. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024
/** Raw bytes per upload chunk: 384 KiB, i.e. exactly 512 KiB of base64, well inside a 1 MiB frame. */
export const UPLOAD_CHUNK_BYTES = 384 * 1024
export const UPLOAD_CHUNK_BASE64_MAX = 512 * 1024

export interface Hashes {
  md5: string
  sha1: string
  sha256: string
}

export interface DetectedType {
  mime: string
  /** The extension the content says, e.g. "pdf", "exe", "eml". */
  ext: string
  /** Words for the card: "PDF document", "Windows executable". */
  label: string
}

export type EvidenceKind = 'file' | 'email' | 'ticket' | 'note'

export interface ReceivedHop {
  from?: string
  by?: string
  ip?: string
  at?: string
}

export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy' | 'missing'

export interface EmailAttachment {
  name: string
  size: number
  mime: string
  hashes: Hashes
}

export interface EmailSummary {
  from: string
  replyTo: string
  returnPath: string
  to: string[]
  cc: string[]
  subject: string
  date: string
  messageId: string
  hops: ReceivedHop[]
  auth: { spf: AuthVerdict; dkim: AuthVerdict; dmarc: AuthVerdict }
  urls: string[]
  attachments: EmailAttachment[]
  /** The headers as received (capped), shown one click away. */
  rawHeaders: string
  /** The body as plain text only: HTML is converted to text and never rendered. */
  bodyText: string
}

export interface TicketSummary {
  number: string
  fields: { label: string; value: string }[]
  workNotes: { at: string; by: string; text: string }[]
}

export interface ArchiveListing {
  entries: { name: string; size: number; compressed: number }[]
  /** Entries the archive claims in total; only the first few hundred are listed. */
  total: number
}

export interface EvidenceView {
  evidenceId: string
  kind: EvidenceKind
  name: string
  size: number
  type: DetectedType
  hashes: Hashes
  addedBy: UserRef
  at: number
  iocs: Ioc[]
  /** Things the analyst should know: a name that lies, an executable, a suspected zip bomb. */
  warnings: string[]
  email?: EmailSummary
  ticket?: TicketSummary
  archive?: ArchiveListing
  /** The first lines of a text file, as plain text. */
  preview?: string
}

/** One stored blob of an incident, for exporters: the upload or an email's attachment. */
export interface BlobRef extends Hashes {
  size: number
  mime: string
  names: string[]
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`
}

/** The one-click lookups an indicator offers, as command lines (without the leading "!"). */
export function lookupsFor(ioc: Ioc): string[] {
  const v = /[\s"'\\]/.test(ioc.value) ? `"${ioc.value.replace(/["\\]/g, (c) => `\\${c}`)}"` : ioc.value
  switch (ioc.type) {
    case 'ipv4':
    case 'ipv6':
      return [`vtip ${v}`, `whois ${v}`]
    case 'domain':
      return [`vt domain ${v}`, `whois ${v}`]
    case 'url':
      return [`vt url ${v}`]
    case 'md5':
    case 'sha1':
    case 'sha256':
      return [`vt hash ${v}`]
    case 'email': {
      const domain = ioc.value.split('@')[1]
      return domain ? [`whois ${domain}`] : []
    }
    default:
      return []
  }
}
