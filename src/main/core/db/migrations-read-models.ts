import type { Migration } from './migration'

/** Indexes and tables kept for the read models (search, KPIs) since the archive landed. */
export const READ_MODEL_MIGRATIONS: Migration[] = [
  // 8: analysts' effort read from an index alone; search lines without their text, so the filters
  // are checked on narrow rows while FTS5 walks its matches; the earliest and latest line time of each
  // block of 4,096 search rowids, so a date filter becomes a rowid range that FTS5 seeks to.
  {
    id: 8,
    name: 'kpi and search: covering index for analysts effort, search lines without text, their time spans',
    sql: `CREATE INDEX messages_effort ON messages(incident_id, seq, at, author, kind) WHERE kind != 'system';
CREATE TABLE search_lines (rowid INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL); INSERT INTO search_lines SELECT rowid, incident_id, kind, at FROM search_docs;
CREATE TABLE search_time_spans (block INTEGER PRIMARY KEY, min_at INTEGER NOT NULL, max_at INTEGER NOT NULL); INSERT INTO search_time_spans SELECT rowid >> 12, min(at), max(at) FROM search_docs GROUP BY 1;`
  },
  {
    id: 9,
    name: 'kpi milestones',
    sql: `
CREATE TABLE kpi_milestones (
  incident_id TEXT PRIMARY KEY,
  opened_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  contained_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  status TEXT NOT NULL,
  since INTEGER NOT NULL,
  status_ms TEXT NOT NULL
) WITHOUT ROWID;
`
  },
  // 10: the KPI dashboard reads suggestion outcomes by time; a partial index costs other events nothing.
  {
    id: 10,
    name: 'kpi: suggestion outcomes by time',
    sql: `CREATE INDEX events_suggestion_outcomes ON events(recorded_at) WHERE type = 'suggestion.outcome';`
  },
  // 11: the sidebar's acceptance panel reads every command start after each room line; without this
  // it scanned the whole log each time.
  {
    id: 11,
    name: 'suggest: command starts by time',
    sql: `CREATE INDEX events_command_starts ON events(recorded_at) WHERE type = 'command.started';`
  },
  // 12: replicated events that came before their writer's previous one wait here, acked with their
  // burst, instead of unacked in memory (sync/early-events.ts).
  {
    id: 12,
    name: 'sync: early events kept until their predecessor lands',
    sql: `
CREATE TABLE early_events (
  rowid INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  chain TEXT NOT NULL,
  subject TEXT NOT NULL,
  data BLOB NOT NULL,
  kept_at INTEGER NOT NULL
);
CREATE INDEX early_events_by_chain ON early_events(chain, rowid);
`
  }
]
