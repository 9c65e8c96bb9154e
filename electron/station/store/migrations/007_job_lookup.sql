-- 007: a job's catalog lookup, kept with the job so a lookup pending while the catalogue is down
-- survives restarts and is retried in the background.

-- none | pending | choose | found | not_found (contract/digitization-types.ts LOOKUP_STATES).
ALTER TABLE digitization_jobs ADD COLUMN lookup_state TEXT NOT NULL DEFAULT 'none'
  CHECK (lookup_state IN ('none', 'pending', 'choose', 'found', 'not_found'));
-- The query (CatalogQuery) to try; NULL when none was asked.
ALTER TABLE digitization_jobs ADD COLUMN lookup_query TEXT
  CHECK (lookup_query IS NULL OR json_valid(lookup_query));
-- Records found to choose from (BibRecord[]).
ALTER TABLE digitization_jobs ADD COLUMN lookup_candidates TEXT
  CHECK (lookup_candidates IS NULL OR json_valid(lookup_candidates));
ALTER TABLE digitization_jobs ADD COLUMN lookup_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digitization_jobs ADD COLUMN lookup_next_at TEXT;
-- Why the last try got no answer (a ContractError).
ALTER TABLE digitization_jobs ADD COLUMN lookup_error TEXT
  CHECK (lookup_error IS NULL OR json_valid(lookup_error));

CREATE INDEX digitization_jobs_lookup ON digitization_jobs (lookup_state, lookup_next_at);

-- Jobs staff deleted (with their files): what was deleted and when. Their ids are never given to a
-- new job, so a log line, an export or a delivery naming job 12 never means two books.
CREATE TABLE digitization_deleted_jobs (
  id           INTEGER PRIMARY KEY,
  item_barcode TEXT NOT NULL,
  title        TEXT,
  deleted_at   TEXT NOT NULL
) STRICT;
