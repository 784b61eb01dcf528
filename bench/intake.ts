/**
 * Evidence intake on a real core (SQLite file, blob store on disk), through the same upload path
 * the transports use (begin, 384 KiB base64 chunks, finish): hashing (MD5, SHA-1, SHA-256) while
 * streaming to disk, type detection, MIME parsing, attachments stored as blobs, the chained event.
 * Baseline in the same run: SHA-256 of the same bytes plus one plain write of them to a file.
 * Memory: heap and RSS after a forced GC between rounds (run with --expose-gc for exact figures).
 *   node --expose-gc --import tsx bench/run.ts intake
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Core } from '../src/main/app'
import { UPLOAD_CHUNK_BYTES } from '../src/shared/evidence'
import { incidentInput, makeCore } from '../tests/unit/core/make-core'
import { figure, summarize } from './stats'

const EML_MB = 20
const ATTACHMENTS = 10
const SMALL_FILES = 1000
const EML_ROUNDS = 3

/** A phishing report of about 20 MB: headers with a Received chain, a text and an HTML part, 10 base64 attachments. */
export function bigEml(targetBytes = EML_MB * 1024 * 1024, attachments = ATTACHMENTS): Buffer {
  const boundary = '----=_Part_bench_0001'
  const head = [
    'Received: from mail.example.net (mail.example.net [198.51.100.20]) by mx.soc.example with ESMTPS; Mon, 7 Dec 2026 08:12:01 +0000',
    'Received: from [203.0.113.7] (unknown [203.0.113.7]) by mail.example.net; Mon, 7 Dec 2026 08:11:58 +0000',
    'Authentication-Results: mx.soc.example; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=micros0ft-support.example',
    'From: "IT Support" <helpdesk@micros0ft-support.example>',
    'Reply-To: collect@203.0.113.7.example',
    'To: cfo@soc.example',
    'Subject: Urgent: invoices to sign before noon',
    'Date: Mon, 7 Dec 2026 08:11:55 +0000',
    'Message-ID: <bench-0001@micros0ft-support.example>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please sign the attached invoices at https://login-micros0ft.example/sign?id=42 before noon.',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Please sign at <a href="https://login-micros0ft.example/sign?id=42">the portal</a>.</p>'
  ].join('\r\n')
  // base64 grows 4/3 plus CRLF every 76 characters: size each attachment so the whole lands near the target.
  const perAttachment = Math.floor(((targetBytes - head.length) / attachments) * (3 / 4) * (76 / 78))
  const parts = [head]
  for (let i = 0; i < attachments; i++) {
    const b64 = randomBytes(perAttachment).toString('base64').replace(/.{76}/g, '$&\r\n')
    parts.push(`--${boundary}`, `Content-Type: application/pdf; name="invoice-${i}.pdf"`, 'Content-Transfer-Encoding: base64', `Content-Disposition: attachment; filename="invoice-${i}.pdf"`, '', b64)
  }
  parts.push(`--${boundary}--`, '')
  return Buffer.from(parts.join('\r\n'))
}

/** A small log, CSV or JSON file of a few KB, different each time (so each is its own blob). */
function smallFile(i: number): { name: string; bytes: Buffer } {
  const kind = i % 3
  const lines = 20 + (i % 60)
  if (kind === 0) {
    const text = Array.from({ length: lines }, (_, j) => `2026-12-07T08:${String(j % 60).padStart(2, '0')}:00Z sshd[${1000 + i}]: Failed password for root from 203.0.113.${(i + j) % 250} port ${40000 + j}`).join('\n')
    return { name: `auth-${i}.log`, bytes: Buffer.from(text) }
  }
  if (kind === 1) {
    const text = ['time,src,dst,bytes', ...Array.from({ length: lines }, (_, j) => `2026-12-07T08:00:${String(j % 60).padStart(2, '0')}Z,10.0.${i % 250}.${j % 250},198.51.100.${j % 200},${i * j}`)].join('\n')
    return { name: `flows-${i}.csv`, bytes: Buffer.from(text) }
  }
  return { name: `finding-${i}.json`, bytes: Buffer.from(JSON.stringify({ id: `f-${i}`, host: `web-${i}`, indicators: Array.from({ length: lines }, (_, j) => `hxxp://bad-${i}-${j}[.]example/x`) })) }
}

/** What the serve socket and the desktop IPC do with a file: begin, base64 chunks, finish. */
async function upload(core: Core, incidentId: string, name: string, bytes: Buffer): Promise<void> {
  const actor = core.actor()
  const { uploadId } = await core.intake.begin({ incidentId, name, size: bytes.length }, actor)
  for (let index = 0, at = 0; at < bytes.length; index++, at += UPLOAD_CHUNK_BYTES) {
    await core.intake.chunk({ uploadId, index, data: bytes.subarray(at, at + UPLOAD_CHUNK_BYTES).toString('base64') }, actor)
  }
  await core.intake.finish({ uploadId }, actor)
}

/** The baseline: SHA-256 of the bytes and one write of them, nothing else. */
function hashAndWrite(dir: string, name: string, bytes: Buffer): void {
  createHash('sha256').update(bytes).digest('hex')
  writeFileSync(join(dir, name), bytes)
}

function memory(): { heapMb: number; rssMb: number } {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return { heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 }
}

export async function benchIntake(): Promise<void> {
  const t = makeCore()
  const raw = mkdtempSync(join(tmpdir(), 'virgil-bench-raw-'))
  try {
    const core = t.core
    const incident = await core.incidents.create({ ...incidentInput, conditions: [], members: [] }, core.actor())
    if (!(globalThis as { gc?: () => void }).gc) console.log('note: run node with --expose-gc for exact memory figures')
    const start = memory()

    // 1. A 20 MB email with 10 attachments, a fresh one each round (different bytes, so no dedup).
    const emlTimes: number[] = []
    const baseTimes: number[] = []
    const after: { heapMb: number; rssMb: number }[] = []
    let emlBytes = 0
    for (let round = 0; round < EML_ROUNDS; round++) {
      const eml = bigEml()
      emlBytes = eml.length
      let t0 = performance.now()
      hashAndWrite(raw, `report-${round}.eml`, eml)
      baseTimes.push(performance.now() - t0)
      t0 = performance.now()
      await upload(core, incident.id, `report-${round}.eml`, eml)
      emlTimes.push(performance.now() - t0)
      after.push(memory())
    }
    const stored = core.db.prepare(`SELECT count(*) AS n FROM evidence WHERE incident_id = ?`).get(incident.id) as { n: number }
    const eml = summarize(emlTimes)
    const base = summarize(baseTimes)
    figure(`intake ${(emlBytes / 2 ** 20).toFixed(1)} MB .eml with ${ATTACHMENTS} attachments, median of ${EML_ROUNDS} (target <= 1000)`, eml.p50, 'ms')
    figure('baseline: sha256 + write of the same bytes, median', base.p50, 'ms')
    figure('intake / baseline', eml.p50 / base.p50, 'x')
    figure('evidence cards stored (emails)', stored.n, '')

    // 2. A thousand small files.
    const files = Array.from({ length: SMALL_FILES }, (_, i) => smallFile(i))
    let t0 = performance.now()
    for (const f of files) hashAndWrite(raw, f.name, f.bytes)
    const baseSmall = performance.now() - t0
    t0 = performance.now()
    for (const f of files) await upload(core, incident.id, f.name, f.bytes)
    const small = performance.now() - t0
    figure(`intake ${SMALL_FILES} small files (avg ${(files.reduce((n, f) => n + f.bytes.length, 0) / files.length / 1024).toFixed(1)} KB), total (target <= 10000)`, small, 'ms')
    figure('baseline: sha256 + write of each', baseSmall, 'ms')
    figure('intake / baseline', small / baseSmall, 'x')
    const end = memory()

    // 3. Memory: after each email round and after the small files, against the start.
    figure('heap at start', start.heapMb, 'MB')
    after.forEach((m, i) => figure(`heap / rss after email round ${i + 1}`, m.heapMb, `MB / ${m.rssMb.toFixed(0)} MB`))
    figure('heap / rss after the small files', end.heapMb, `MB / ${end.rssMb.toFixed(0)} MB`)
    figure('heap growth from email round 1 to the end', end.heapMb - after[0]!.heapMb, 'MB')
  } finally {
    await t.dispose()
    rmSync(raw, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIntake()
