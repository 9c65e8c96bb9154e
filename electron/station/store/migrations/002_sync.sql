-- 002: what the sync engine needs to drain the outbox safely. See DESIGN.md, "Sync".

-- The last attempt was sent and no answer came back (or the process died mid-attempt): the target
-- must find out whether it took effect before the row may be sent again.
ALTER TABLE outbox ADD COLUMN ambiguous INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1));
-- What the target saw just before sending, committed before the attempt (e.g. a loan's due date
-- before a renewal), so an ambiguous attempt can be judged against it.
ALTER TABLE outbox ADD COLUMN checked_before TEXT
  CHECK (checked_before IS NULL OR json_valid(checked_before));
-- How a finished row ended: answered by the target, found to have taken effect after an ambiguous
-- attempt, written to an export file for staff to upload, or set aside by staff.
ALTER TABLE outbox ADD COLUMN resolution TEXT
  CHECK (resolution IS NULL OR resolution IN ('delivered', 'confirmed', 'exported', 'discarded'));
-- Why staff set a row aside (discard) or retried it.
ALTER TABLE outbox ADD COLUMN staff_note TEXT;
-- When the row went into an export file (.koc); such rows are never replayed.
ALTER TABLE outbox ADD COLUMN exported_at TEXT;
-- When the row reached 'done'.
ALTER TABLE outbox ADD COLUMN done_at TEXT;

-- Open rows only: the engine asks "is an earlier row with this key still open?" for every
-- candidate, and done rows pile up over the years.
CREATE INDEX outbox_open ON outbox (target, ordering_key, id)
  WHERE state IN ('pending', 'in_flight', 'failed');
-- The rows waiting for an attempt in id order, with what choosing them needs: picking the next few
-- reads a few index entries instead of sorting the whole queue each time.
CREATE INDEX outbox_waiting ON outbox (target, id, next_attempt_at, ordering_key, state)
  WHERE state IN ('pending', 'failed');

-- One sync engine per database: a second process (`bitig sync run` beside a running station)
-- would take the first one's in-flight rows for crashed ones. The holder's pid and a heartbeat.
CREATE TABLE sync_lease (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  pid          INTEGER NOT NULL,
  token        TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL, -- ms since the epoch
  acquired_at  TEXT NOT NULL
) STRICT;
