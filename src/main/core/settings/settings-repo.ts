import type { Db } from '../db/open-db'

/** The settings table, read: one row per section, written by the projection of settings.changed. */
export function storedSettings(db: Db): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
}
