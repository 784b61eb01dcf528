import type { Migration } from './migration'
import { READ_MODEL_MIGRATIONS } from './migrations-read-models'

export type { Migration }

/**
 * Numbered migrations. Never edit one that has shipped: the database stores each one's hash and
 * refuses to open when an applied migration's text changed. Add a new number instead.
 */
export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'event log and projections',
    sql: `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  hlc TEXT NOT NULL,
  type TEXT NOT NULL,
  incident_id TEXT,
  actor TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX events_by_incident ON events(incident_id, seq);

CREATE TABLE chain_heads (
  chain TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  length INTEGER NOT NULL
);

CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  source TEXT NOT NULL,
  leader TEXT NOT NULL,
  members TEXT NOT NULL,
  impact TEXT NOT NULL,
  urgency TEXT NOT NULL,
  conditions TEXT NOT NULL,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  ticket TEXT,
  slack_channel TEXT,
  message_count INTEGER NOT NULL DEFAULT 0,
  field_clock TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX incidents_by_status ON incidents(status);
CREATE INDEX incidents_by_number ON incidents(number);

CREATE TABLE messages (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  via TEXT NOT NULL,
  mark TEXT,
  reply_to TEXT,
  edited_at INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0,
  run_id TEXT,
  rev INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_by_run ON messages(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX messages_by_incident ON messages(incident_id, seq);

CREATE TABLE command_runs (
  run_id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  message_id TEXT NOT NULL,
  line TEXT NOT NULL,
  command TEXT NOT NULL,
  args TEXT NOT NULL,
  actor TEXT NOT NULL,
  status TEXT NOT NULL,
  danger TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  duration_ms INTEGER,
  output TEXT,
  error TEXT,
  confirmed_by TEXT
);
CREATE INDEX command_runs_by_incident ON command_runs(incident_id, started_at);
CREATE INDEX command_runs_by_status ON command_runs(status);

CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', content_rowid='rowid', tokenize='unicode61', columnsize=0);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lane TEXT NOT NULL,
  incident_id TEXT,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  done_at INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_at);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE secrets (name TEXT PRIMARY KEY, sealed BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`
  },
  {
    id: 2,
    name: 'alert intake: dedup and replay memory',
    sql: `
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  dedup_key TEXT NOT NULL UNIQUE,
  thread_key TEXT,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  severity REAL NOT NULL,
  title TEXT NOT NULL,
  incident_id TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX alerts_by_thread ON alerts(thread_key, received_at);

CREATE TABLE alert_signatures (
  signature TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL
);
CREATE INDEX alert_signatures_by_age ON alert_signatures(seen_at);
`
  },
  {
    id: 3,
    name: 'slack mirror: rooms, message map, delivery tries',
    sql: `
CREATE TABLE slack_rooms (
  incident_id TEXT PRIMARY KEY,
  channel_id TEXT,
  channel_name TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  queued_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX slack_rooms_by_channel ON slack_rooms(channel_id);

CREATE TABLE slack_messages (
  channel_id TEXT NOT NULL,
  ts TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  message_id TEXT,
  run_id TEXT,
  direction TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (channel_id, ts)
);
CREATE INDEX slack_messages_by_message ON slack_messages(message_id);
CREATE INDEX slack_messages_by_run ON slack_messages(run_id);

CREATE TABLE slack_tries (
  key TEXT PRIMARY KEY,
  first_at INTEGER NOT NULL
);
`
  },
  {
    id: 4,
    name: 'archive: closed_at, archive facets, search documents with bm25, chain digests for checkpoints',
    sql: `
ALTER TABLE incidents ADD COLUMN closed_at INTEGER;
UPDATE incidents SET closed_at = updated_at WHERE status = 'closed';
CREATE INDEX incidents_by_closed ON incidents(closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE incident_facets (
  incident_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (kind, value, incident_id)
) WITHOUT ROWID;
CREATE INDEX incident_facets_by_incident ON incident_facets(incident_id);

CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  incident_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX search_docs_by_incident ON search_docs(incident_id);
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='rowid', tokenize='unicode61');
DROP TABLE messages_fts;

CREATE TABLE chain_digests (
  chain TEXT PRIMARY KEY,
  incident_id TEXT,
  count INTEGER NOT NULL,
  digest TEXT NOT NULL
);
`
  },
  {
    id: 5,
    name: 'evidence intake: cards, blobs per incident, extracted text index',
    sql: `
CREATE TABLE evidence (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  message_id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  name TEXT NOT NULL,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  kind TEXT NOT NULL,
  card TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX evidence_by_incident ON evidence(incident_id, at);

CREATE TABLE evidence_blobs (
  incident_id TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  md5 TEXT NOT NULL,
  sha1 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  name TEXT NOT NULL,
  evidence_id TEXT NOT NULL,
  PRIMARY KEY (incident_id, sha256, name)
);

CREATE VIRTUAL TABLE evidence_fts USING fts5(text, tokenize='unicode61', columnsize=0);
`
  },
  {
    id: 6,
    name: 'team sync: quarantine of bad replicated events, one number per incident',
    sql: `
CREATE TABLE quarantine (
  rowid INTEGER PRIMARY KEY,
  event_id TEXT,
  origin TEXT,
  incident_id TEXT,
  type TEXT,
  subject TEXT,
  prev_hash TEXT,
  hash TEXT,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE UNIQUE INDEX quarantine_by_event ON quarantine(event_id) WHERE event_id IS NOT NULL;
CREATE INDEX quarantine_by_link ON quarantine(origin, incident_id, prev_hash);

-- Two workstations could hand out one number before numbers came from the team: keep the first,
-- mark the later ones (they stay findable by their old number in the log).
UPDATE incidents SET number = number || '-' || substr(id, -6)
  WHERE rowid NOT IN (SELECT min(rowid) FROM incidents GROUP BY number);
DROP INDEX incidents_by_number;
CREATE UNIQUE INDEX incidents_by_number ON incidents(number);
`
  },
  {
    id: 7,
    name: 'team: roster of people, roles and groups; restricted incidents',
    sql: `
CREATE TABLE roster (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  handle TEXT NOT NULL,
  role TEXT NOT NULL,
  groups TEXT NOT NULL DEFAULT '[]',
  slack_user_id TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX roster_by_handle ON roster(handle);
CREATE INDEX roster_by_slack ON roster(slack_user_id);
ALTER TABLE incidents ADD COLUMN restricted_groups TEXT NOT NULL DEFAULT '[]';
CREATE INDEX incidents_restricted ON incidents(id, restricted_groups) WHERE restricted_groups != '[]';
`
  },
  ...READ_MODEL_MIGRATIONS
]
