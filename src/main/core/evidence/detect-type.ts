import { fileTypeFromBuffer } from 'file-type'
import type { DetectedType } from '../../../shared/evidence'

const LABELS: Record<string, string> = {
  pdf: 'PDF document',
  exe: 'Windows executable',
  elf: 'Linux executable',
  macho: 'macOS executable',
  zip: 'ZIP archive',
  rar: 'RAR archive',
  '7z': '7-Zip archive',
  gz: 'gzip archive',
  tar: 'tar archive',
  cfb: 'Outlook/Office compound file',
  msg: 'Outlook message',
  png: 'PNG image',
  jpg: 'JPEG image',
  gif: 'GIF image',
  webp: 'WebP image',
  bmp: 'BMP image',
  docx: 'Word document',
  xlsx: 'Excel workbook',
  pptx: 'PowerPoint presentation',
  eml: 'Email (RFC 5322)',
  json: 'JSON',
  csv: 'CSV table',
  txt: 'Text',
  log: 'Text log',
  bin: 'Binary data'
}

export const EXECUTABLE_EXTS = new Set(['exe', 'elf', 'macho', 'dll', 'msi', 'class', 'dex', 'wasm'])
/** Names that say "text" of one kind or another; any of them is honest for text content. */
const TEXT_NAMES = new Set(['txt', 'log', 'csv', 'json', 'eml', 'tsv', 'xml', 'html', 'htm', 'md', 'ndjson', 'jsonl', 'yaml', 'yml', 'ini', 'conf', 'cfg', 'evtx.txt', ''])
const EQUIVALENT: Record<string, string[]> = {
  jpg: ['jpeg', 'jpe'],
  exe: ['dll', 'sys', 'scr', 'com', 'cpl'],
  cfb: ['msg', 'doc', 'xls', 'ppt', 'oft'],
  zip: ['docx', 'xlsx', 'pptx', 'jar', 'apk', 'odt'],
  gz: ['tgz'],
  tar: ['tgz']
}

export const labelOf = (ext: string): string => LABELS[ext] ?? `${ext.toUpperCase()} file`

/** The extension a name claims, lower case, "" when none. */
export function claimedExt(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** Bytes of printable text with no NULs, and valid UTF-8. */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false
  let control = 0
  for (const b of head) {
    if (b === 0) return false
    if (b < 9 || (b > 13 && b < 32)) control++
  }
  if (control > head.length / 100) return false
  try {
    // A chunk may cut a multi-byte character at its end; allow for that.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)))
    return true
  } catch {
    return false
  }
}

const HEADER_LINE = /^[!-9;-~]{1,76}:[ \t]/
const EMAIL_HEADERS = /^(received|from|to|subject|date|message-id|mime-version|return-path|delivered-to|reply-to|authentication-results|dkim-signature|x-[\w-]+):/im

/** An RFC 5322 message: it opens with header lines and names the headers a mail carries. */
export function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, 16_384).replace(/^\s+/, '')
  const firstLine = head.split(/\r?\n/, 1)[0] ?? ''
  if (!HEADER_LINE.test(firstLine) && !/^From \S+/.test(firstLine)) return false
  const names = head.split(/\r?\n\r?\n/, 1)[0] ?? ''
  const found = new Set((names.match(/^(received|from|to|subject|date|message-id|mime-version):/gim) ?? []).map((h) => h.toLowerCase()))
  return EMAIL_HEADERS.test(names) && found.size >= 2
}

function textKind(text: string, claimed: string): DetectedType {
  if (looksLikeEmail(text)) return { mime: 'message/rfc822', ext: 'eml', label: labelOf('eml') }
  const trimmed = text.trim()
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && isJson(trimmed)) return { mime: 'application/json', ext: 'json', label: labelOf('json') }
  if (claimed === 'csv' || claimed === 'tsv') return { mime: 'text/csv', ext: 'csv', label: labelOf('csv') }
  if (claimed === 'log') return { mime: 'text/plain', ext: 'log', label: labelOf('log') }
  return { mime: 'text/plain', ext: 'txt', label: labelOf('txt') }
}

function isJson(text: string): boolean {
  if (text.length > 8 * 1024 * 1024) return true
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** What the bytes are, from their content (magic numbers, then text heuristics), never from the name. */
export async function detectType(head: Uint8Array, name: string): Promise<DetectedType> {
  const claimed = claimedExt(name)
  const found = await fileTypeFromBuffer(head).catch(() => undefined)
  if (found) {
    const ext = found.ext === 'cfb' && claimed === 'msg' ? 'msg' : found.ext
    return { mime: found.mime, ext, label: labelOf(ext) }
  }
  if (looksLikeText(head)) return textKind(new TextDecoder('utf-8').decode(head), claimed)
  return { mime: 'application/octet-stream', ext: 'bin', label: labelOf('bin') }
}

/** Warnings about what the content is against what the name says. */
export function typeWarnings(type: DetectedType, name: string): string[] {
  const claimed = claimedExt(name)
  const warnings: string[] = []
  if (EXECUTABLE_EXTS.has(type.ext)) warnings.push(`${type.label}: stored as data only. Virgil never runs or opens it.`)
  const isText = ['txt', 'log', 'csv', 'json', 'eml'].includes(type.ext)
  const honest =
    claimed === type.ext ||
    (EQUIVALENT[type.ext] ?? []).includes(claimed) ||
    (isText && TEXT_NAMES.has(claimed)) ||
    (type.ext === 'bin' && !['pdf', 'png', 'jpg', 'jpeg', 'gif', 'zip', 'exe', 'docx', 'xlsx'].includes(claimed)) ||
    (type.ext === 'msg' && claimed === 'msg')
  if (!honest && claimed) warnings.push(`The name says .${claimed} but the content is ${articled(type.label)}. Treat it as ${articled(type.label)}.`)
  return warnings
}

function articled(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`
}
