import type { Db } from '../db/open-db'
import { stmt } from '../db/statements'
import type { EventLog } from '../log/event-log'
import type { EventText } from './chain-digest'
import type { Vault } from '../vault/vault'
import { ChainFolder, sealCheckpoint, type ChainSeal, type Checkpoint } from './checkpoint'
import { writeCheckpointFile } from './checkpoint-store'
import { newSigningKeyPem, signerFromPem, type CheckpointSigner } from './signing-key'
import { createLogger } from '../logger'
import { payloadOf } from '../log/events'

const logger = createLogger('checkpoint')

const WATERMARK = 'digest_seq'

export interface CheckpointServiceOptions {
  /** Where checkpoints are written: outside the data directory. */
  dir: string
  /** Also sealed on a timer while the log changes. */
  everyMs?: number
  now?: () => number
}

export type CheckpointListener = (checkpoint: Checkpoint, closedIncidentIds: string[]) => void

/**
 * Seals the chain heads with the workstation's Ed25519 key at every close and on a timer, and
 * writes them where a deleter of the database does not find them (a folder outside the data dir;
 * listeners add the team stream and Slack).
 */
export class CheckpointService {
  readonly signer: CheckpointSigner
  private readonly listeners = new Set<CheckpointListener>()
  private timer: NodeJS.Timeout | undefined
  private pending: NodeJS.Timeout | undefined
  private isDirty = false
  private closedSince: string[] = []
  private last: Checkpoint | undefined

  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    vault: Vault,
    private readonly options: CheckpointServiceOptions
  ) {
    let pem = vault.get('checkpoint.signingKey')
    if (!pem) {
      pem = newSigningKeyPem()
      vault.set('checkpoint.signingKey', pem)
    }
    this.signer = signerFromPem(pem)
  }

  start(): () => void {
    const unsubscribe = this.log.onCommit((events) => {
      this.isDirty = true
      const closed = events.filter((e) => payloadOf(e, 'incident.updated')?.changes.status === 'closed')
      if (closed.length > 0) {
        this.closedSince.push(...closed.map((e) => e.incidentId ?? ''))
        this.soon()
      }
    })
    this.timer = setInterval(() => {
      if (this.isDirty) this.safeTake()
    }, this.options.everyMs ?? 5 * 60_000)
    this.timer.unref()
    return () => {
      unsubscribe()
      if (this.timer) clearInterval(this.timer)
      if (this.pending) clearTimeout(this.pending)
      if (this.isDirty) this.safeTake()
    }
  }

  onCheckpoint(listener: CheckpointListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  latest(): Checkpoint | undefined {
    return this.last
  }

  /** Seals the whole log now. */
  take(): Checkpoint {
    const seals = this.updateDigests()
    const numbers: Record<string, string> = {}
    for (const r of stmt(this.db, 'SELECT id, number FROM incidents').all() as { id: string; number: string }[]) numbers[r.id] = r.number
    const checkpoint = sealCheckpoint({ version: 1, origin: this.log.origin, at: (this.options.now ?? Date.now)(), scope: 'log', numbers, chains: seals }, this.signer)
    writeCheckpointFile(this.options.dir, checkpoint)
    this.last = checkpoint
    this.isDirty = false
    const closed = this.closedSince.filter((id) => id !== '')
    this.closedSince = []
    for (const l of this.listeners) {
      try {
        l(checkpoint, closed)
      } catch (err) {
        logger.error('a listener failed', { error: err })
      }
    }
    return checkpoint
  }

  /** Seals one incident's chains, for its portable archive. */
  sealIncident(incidentId: string): Checkpoint {
    const seals = this.updateDigests().filter((s) => s.incidentId === incidentId)
    const number = (stmt(this.db, 'SELECT number FROM incidents WHERE id = ?').get(incidentId) as { number: string } | undefined)?.number
    return sealCheckpoint(
      { version: 1, origin: this.log.origin, at: (this.options.now ?? Date.now)(), scope: incidentId, numbers: number ? { [incidentId]: number } : {}, chains: seals },
      this.signer
    )
  }

  private soon(): void {
    if (this.pending) return
    this.pending = setTimeout(() => {
      this.pending = undefined
      this.safeTake()
    }, 200)
    this.pending.unref()
  }

  private safeTake(): void {
    try {
      this.take()
    } catch (err) {
      logger.error('could not write a checkpoint; will retry on the next change', { error: err })
    }
  }

  /** Folds events written since the last fold into the stored per-chain digests. */
  private updateDigests(): ChainSeal[] {
    return this.db.transaction(() => {
      const from = Number((stmt(this.db, `SELECT value FROM meta WHERE key = '${WATERMARK}'`).get() as { value: string } | undefined)?.value ?? 0)
      const stored = stmt(this.db, 'SELECT chain, incident_id AS incidentId, count, digest FROM chain_digests').all() as ChainSeal[]
      const folder = new ChainFolder(stored)
      const touched = new Set<string>()
      let last = from
      for (const row of stmt(this.db, 'SELECT * FROM events WHERE seq > ? ORDER BY seq').iterate(from) as Iterable<EventText & { seq: number }>) {
        touched.add(folder.addText(row).chain)
        last = row.seq
      }
      const put = stmt(this.db, 'INSERT INTO chain_digests (chain, incident_id, count, digest) VALUES (@chain, @incidentId, @count, @digest) ON CONFLICT(chain) DO UPDATE SET count = excluded.count, digest = excluded.digest')
      for (const chain of touched) put.run(folder.seals.get(chain) as ChainSeal)
      stmt(this.db, `INSERT INTO meta (key, value) VALUES ('${WATERMARK}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(last))
      return [...folder.seals.values()].sort((a, b) => a.chain.localeCompare(b.chain))
    })()
  }
}
