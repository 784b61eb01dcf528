import type { OpenedArchive } from '../../../shared/domain'
import type { Db } from '../db/open-db'
import { canonicalJson } from '../log/canonical'
import { chainName } from '../log/event'
import { applyEvent } from '../projections/apply'
import { readPortableArchive } from './portable-archive'
import { verifyArchive } from './verify-archive'

/**
 * Loads a portable archive into an empty review database: its events are stored and projected as
 * they are, even when they do not verify (the stamp says so), so the room can be read as it was.
 * Nothing reacts to them: no outbox, no integration, no sync.
 */
export function importArchive(db: Db, file: string, native: { nativeBinding?: string } = {}): OpenedArchive {
  const contents = readPortableArchive(file, native)
  const verification = verifyArchive(contents)
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (id, origin, hlc, type, incident_id, actor, payload, prev_hash, hash, recorded_at)
     VALUES (@id, @origin, @hlc, @type, @incidentId, @actor, @payload, @prevHash, @hash, @recordedAt)`
  )
  const head = db.prepare(
    `INSERT INTO chain_heads (chain, hash, length) VALUES (?, ?, 1) ON CONFLICT(chain) DO UPDATE SET hash = excluded.hash, length = length + 1`
  )
  db.transaction(() => {
    for (const e of contents.events) {
      const info = insert.run({ ...e, actor: canonicalJson({ id: e.actor.id, name: e.actor.name }), payload: canonicalJson(e.payload), recordedAt: Date.now() })
      if (info.changes === 0) continue
      head.run(chainName(e.incidentId, e.origin), e.hash)
      try {
        applyEvent(db, e, Number(info.lastInsertRowid))
      } catch {
        // A tampered event may not project; it stays in the log and the stamp names it.
      }
    }
  })()
  return { file, number: contents.meta.number ?? '', verification }
}
