import { open, readFile } from 'node:fs/promises'
import type { ArchiveListing, DetectedType, EmailSummary, EvidenceKind } from '../../../shared/evidence'
import { extractIocs, type Ioc } from '../../../shared/ioc'
import type { BlobStore } from './blob-store'
import { claimedExt, detectType, labelOf, typeWarnings } from './detect-type'
import { MalformedEmail, parseEmail, sanitiseText, type ParsedEmail } from './email-parse'
import { parseMsg } from './msg-parse'
import { safeFileName } from './safe-name'
import { listZip } from './zip-list'

const HEAD_BYTES = 64 * 1024
const TEXT_READ_CAP = 4 * 1024 * 1024
const INDEX_CAP = 200_000
const PREVIEW_CAP = 4_000
const IOC_CAP = 200

export interface ChildBlob {
  sha256: string
  md5: string
  sha1: string
  size: number
  mime: string
  name: string
}

export interface Analysis {
  kind: EvidenceKind
  type: DetectedType
  warnings: string[]
  iocs: Ioc[]
  email?: EmailSummary
  archive?: ArchiveListing
  preview?: string
  /** For the search index: what the file says, capped. */
  text: string
  children: ChildBlob[]
}

async function readHead(path: string, size: number, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(Math.min(size, bytes))
    await handle.read(head, 0, head.length, 0)
    return head
  } finally {
    await handle.close()
  }
}

/** Runs of printable ASCII in binary content, the way `strings` finds URLs in a PDF or an executable. */
function printableRuns(bytes: Uint8Array): string {
  return (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/[\x20-\x7e]{6,}/g) ?? []).join('\n')
}

/** Looks at stored bytes as data: type from content, email structure, archive directory, indicators. */
export async function analyse(store: BlobStore, path: string, size: number, rawName: string, declaredKind?: EvidenceKind): Promise<Analysis & { name: string }> {
  const { name, warning } = safeFileName(rawName)
  const head = await readHead(path, size, HEAD_BYTES)
  // A file that fits in the head is read once: no second open, read and close for its text.
  const whole = size <= head.length ? Buffer.from(head.buffer, head.byteOffset, head.byteLength) : undefined
  const type = await detectType(head, name)
  const warnings = [...(warning ? [warning] : []), ...typeWarnings(type, name)]
  const result: Analysis & { name: string } = { name, kind: declaredKind ?? 'file', type, warnings, iocs: [], text: name, children: [] }

  const claimsEmail = claimedExt(name) === 'eml' && ['txt', 'log'].includes(type.ext)
  if (type.ext === 'eml' || claimsEmail || type.ext === 'msg' || (type.ext === 'cfb' && /\.msg$/i.test(name))) {
    const bytes = whole ?? (await readFile(path))
    try {
      const parsed = type.ext === 'msg' || type.ext === 'cfb' ? await parseMsg(bytes) : await parseEmail(bytes)
      result.kind = 'email'
      if (type.ext === 'cfb') result.type = { mime: 'application/vnd.ms-outlook', ext: 'msg', label: labelOf('msg') }
      result.email = { ...parsed.summary, attachments: storeAttachments(store, parsed, result) }
      result.text = `${name}\n${parsed.text}`
    } catch (err) {
      if (!(err instanceof MalformedEmail)) throw err
      result.warnings.push(`This does not read as an email: ${err.message}. It is kept as a plain file; its text is still searched.`)
      result.text = `${name}\n${sanitiseText(bytes.subarray(0, TEXT_READ_CAP).toString('utf8'), INDEX_CAP)}`
    }
  } else if (['txt', 'log', 'csv', 'json'].includes(type.ext)) {
    const bytes = whole ?? (size <= TEXT_READ_CAP ? await readFile(path) : await readHead(path, size, TEXT_READ_CAP))
    const text = sanitiseText(new TextDecoder('utf-8').decode(bytes), INDEX_CAP)
    result.preview = text.slice(0, PREVIEW_CAP)
    result.text = `${name}\n${text}`
  } else {
    if (type.ext === 'zip' || type.ext === 'docx' || type.ext === 'xlsx' || type.ext === 'pptx') {
      const zip = await listZip(path, size)
      if (zip.listing) result.archive = zip.listing
      result.warnings.push(...zip.warnings)
    }
    const strings = printableRuns(whole ?? (await readHead(path, size, TEXT_READ_CAP)))
    result.text = `${name}\n${result.archive?.entries.map((e) => e.name).join('\n') ?? ''}\n${strings.slice(0, INDEX_CAP)}`
  }
  result.iocs = extractIocs(result.text).slice(0, IOC_CAP)
  result.text = result.text.slice(0, INDEX_CAP)
  return result
}

function storeAttachments(store: BlobStore, parsed: ParsedEmail, result: { children: ChildBlob[]; warnings: string[] }): EmailSummary['attachments'] {
  return parsed.attachments.map((a) => {
    const { name, warning } = safeFileName(a.name)
    if (warning) result.warnings.push(`Attachment: ${warning}`)
    const stored = store.putBytes(a.content)
    const child: ChildBlob = { sha256: stored.sha256, md5: stored.md5, sha1: stored.sha1, size: a.content.length, mime: a.mime, name }
    result.children.push(child)
    return { name, size: child.size, mime: a.mime, hashes: { md5: stored.md5, sha1: stored.sha1, sha256: stored.sha256 } }
  })
}
