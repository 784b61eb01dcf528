import { createHash } from 'node:crypto'
import type { Verification } from '../../../shared/domain'
import { chainName, GENESIS } from '../log/event'
import { DIGEST_GENESIS, foldDigest } from './chain-digest'
import { checkpointFingerprint, compareWithCheckpoint, isSignatureValid } from './checkpoint'
import type { ArchiveContents } from './portable-archive'

/** Checks an archive on its own: signature, links, running digests, the checkpoint, the files' bytes. */
export function verifyArchive(a: ArchiveContents): Verification {
  const problems: string[] = []
  const cp = a.checkpoint
  if (!cp) problems.push(`it cannot be verified: ${a.checkpointError ?? 'the archive holds no checkpoint'}`)
  else if (!isSignatureValid(cp)) problems.push('its checkpoint signature does not match: the checkpoint was altered')

  const heads = new Map<string, { hash: string; digest: string }>()
  const running: string[] = []
  a.events.forEach((e, i) => {
    const chain = chainName(e.incidentId, e.origin)
    const head = heads.get(chain) ?? { hash: GENESIS, digest: DIGEST_GENESIS }
    const digest = a.folded?.[i] ?? foldDigest(head.digest, e)
    running.push(digest)
    if (e.prevHash !== head.hash) problems.push(`event ${i + 1} (${e.type}) does not follow the event before it: an event was removed or reordered`)
    else if (digest !== e.digest) problems.push(`event ${i + 1} (${e.type}) was edited: its content does not match the chain`)
    heads.set(chain, { hash: e.hash, digest })
  })

  if (cp) {
    for (const p of compareWithCheckpoint(a.events, cp, running)) problems.push(`the incident ${p.reason}`)
    const sealed = cp.chains.reduce((n, c) => n + c.count, 0)
    if (a.events.length > sealed) problems.push(`event ${sealed + 1} and after were added after the archive was sealed`)
  }
  for (const b of a.blobs) {
    if (b.content && createHash('sha256').update(b.content).digest('hex') !== b.sha256) problems.push(`the file ${b.name} does not match its SHA-256`)
  }
  const first = problems[0]
  const base = { events: a.events.length, problems, ...(cp ? { sealedAt: cp.at, fingerprint: checkpointFingerprint(cp) } : {}) }
  if (first) return { ...base, ok: false, headline: `Does not verify: ${first}` }
  const when = new Date(cp?.at ?? 0).toISOString().replace('T', ' ').slice(0, 16)
  return { ...base, ok: true, headline: `Verified: ${a.events.length} events sealed ${when} UTC by key ${base.fingerprint ?? ''}` }
}
