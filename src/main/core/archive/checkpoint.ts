import { canonicalJson } from '../log/canonical'
import type { LogEvent } from '../log/event'
import { chainName } from '../log/event'
import { DIGEST_GENESIS, digestBody, foldBody, foldDigest, type EventText } from './chain-digest'
import { fingerprintOf, verifySignature, type CheckpointSigner } from './signing-key'

/** One chain (incident × writing workstation) as sealed by a checkpoint. */
export interface ChainSeal {
  chain: string
  incidentId: string | null
  count: number
  digest: string
}

/** The signed head of the log (or of one incident) at a moment, kept outside the database. */
export interface Checkpoint {
  version: 1
  origin: string
  at: number
  /** `log` for the whole database, else the id of the one incident it seals. */
  scope: string
  /** Incident numbers by id, so a report can name a deleted incident. */
  numbers: Record<string, string>
  chains: ChainSeal[]
  publicKey: string
  signature: string
}

type Unsigned = Omit<Checkpoint, 'publicKey' | 'signature'>

function signedText(c: Unsigned): string {
  return canonicalJson({ version: c.version, origin: c.origin, at: c.at, scope: c.scope, numbers: c.numbers, chains: c.chains })
}

export function sealCheckpoint(body: Unsigned, signer: CheckpointSigner): Checkpoint {
  return { ...body, publicKey: signer.publicKey, signature: signer.sign(signedText(body)) }
}

export function isSignatureValid(c: Checkpoint): boolean {
  return verifySignature(c.publicKey, signedText(c), c.signature)
}

export function checkpointFingerprint(c: Checkpoint): string {
  return fingerprintOf(c.publicKey)
}

/** Folds events (in log order) into per-chain seals. */
export class ChainFolder {
  readonly seals = new Map<string, ChainSeal>()

  constructor(initial: Iterable<ChainSeal> = []) {
    for (const s of initial) this.seals.set(s.chain, { ...s })
  }

  private readonly actors = new Map<string, string>()

  add(e: LogEvent): ChainSeal {
    const seal = this.sealOf(e.incidentId, e.origin)
    seal.digest = foldDigest(seal.digest, e)
    return seal
  }

  /** The same fold from the stored row, without parsing its payload (see `digestBody`). */
  addText(r: EventText): ChainSeal {
    const seal = this.sealOf(r.incident_id, r.origin)
    seal.digest = foldBody(seal.digest, digestBody(r, this.actors))
    return seal
  }

  private sealOf(incidentId: string | null, origin: string): ChainSeal {
    const chain = chainName(incidentId, origin)
    let seal = this.seals.get(chain)
    if (!seal) this.seals.set(chain, (seal = { chain, incidentId, count: 0, digest: DIGEST_GENESIS }))
    seal.count++
    return seal
  }
}

export interface CheckpointProblem {
  incidentId: string | null
  number?: string
  reason: string
}

/**
 * Replays events against a checkpoint: each sealed chain must still hold at least its sealed events,
 * with the same digest at that point. Catches what links alone cannot: a deleted tail, a deleted
 * incident, an older copy of the database swapped in, and an edit anyone could re-link.
 * `runningDigests[i]`, when given, is the chain's digest folded from genesis through event i, in
 * the order given (a verifier that already folded them need not fold twice).
 */
export function compareWithCheckpoint(events: Iterable<LogEvent>, checkpoint: Checkpoint, runningDigests?: readonly string[]): CheckpointProblem[] {
  const wanted = new Map(checkpoint.chains.map((c) => [c.chain, c]))
  const running = new Map<string, { count: number; digest: string; atSeal?: string }>()
  let index = -1
  for (const e of events) {
    index++
    const chain = chainName(e.incidentId, e.origin)
    const seal = wanted.get(chain)
    if (!seal) continue
    const r = running.get(chain) ?? { count: 0, digest: DIGEST_GENESIS }
    if (r.count < seal.count) {
      r.count++
      r.digest = runningDigests?.[index] ?? foldDigest(r.digest, e)
      if (r.count === seal.count) r.atSeal = r.digest
    }
    running.set(chain, r)
  }
  const when = new Date(checkpoint.at).toISOString()
  const problems: CheckpointProblem[] = []
  for (const seal of checkpoint.chains) {
    const r = running.get(seal.chain)
    const number = seal.incidentId ? checkpoint.numbers[seal.incidentId] : undefined
    const base = { incidentId: seal.incidentId, ...(number ? { number } : {}) }
    if (!r) {
      problems.push({ ...base, reason: `is missing: the checkpoint of ${when} sealed ${seal.count} events of it (the incident, or its events, were deleted)` })
    } else if (r.count < seal.count) {
      problems.push({ ...base, reason: `ends early: the checkpoint of ${when} sealed ${seal.count} events, the database holds ${r.count} (its last events were deleted, or an older copy of the database was swapped in)` })
    } else if (r.atSeal !== seal.digest) {
      problems.push({ ...base, reason: `does not match the checkpoint of ${when}: one of its first ${seal.count} events was edited, removed or reordered` })
    }
  }
  return problems
}
