-- 001: settings and the outbox.

-- Site configuration, role and language: one JSON value per key.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;

-- Every unit of work for a central system, queued before it is attempted so nothing is lost when
-- the network or the central system is down. See DESIGN.md, "Data" and "Sync".
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  -- Unique per unit of work: enqueueing the same key twice is a no-op, so a retried request
  -- from the screens can never queue a transaction twice.
  idempotency_key TEXT NOT NULL UNIQUE,
  target          TEXT NOT NULL,
  -- Rows with the same ordering key are delivered strictly in id order (e.g. an item's id).
  ordering_key    TEXT,
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Milliseconds since the epoch; the engine picks rows whose time has come.
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  -- What the central system decided when the row was delivered (due date, refusal, ...).
  outcome         TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  -- When the patron or operator did it: replays carry this, not the time of delivery.
  event_time      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX outbox_due ON outbox (target, state, next_attempt_at);
CREATE INDEX outbox_order ON outbox (target, ordering_key, id);

-- Files a row needs (page images, packages), relative to the data directory. They are written
-- and fsynced before the row that references them commits.
CREATE TABLE outbox_files (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  path      TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  bytes     INTEGER NOT NULL,
  PRIMARY KEY (outbox_id, path)
) STRICT;
