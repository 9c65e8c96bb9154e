-- 004: digitization jobs, their pages and page images, the lifecycle history and the undo log.
-- Paths are relative to the data directory, with forward slashes: jobs/<job id>/master/…

CREATE TABLE digitization_jobs (
  id             INTEGER PRIMARY KEY,
  item_barcode   TEXT NOT NULL,
  -- Filled by the catalog lookup; NULL until then.
  catalog_record TEXT CHECK (catalog_record IS NULL OR json_valid(catalog_record)),
  -- The scan profile as given when the job was created.
  profile        TEXT NOT NULL CHECK (json_valid(profile)),
  state          TEXT NOT NULL DEFAULT 'created'
                 CHECK (state IN ('created', 'capturing', 'captured', 'reviewed', 'packaging', 'packaged',
                                  'queued', 'delivering', 'delivered', 'failed', 'rejected')),
  -- When failed: the step that failed, which a retry returns to.
  failed_from    TEXT,
  -- The page-label rule (roman front matter, arabic body); NULL: only hand-set labels.
  numbering      TEXT CHECK (numbering IS NULL OR json_valid(numbering)),
  -- When the files no page needs any more were removed (after delivery).
  purged_at      TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX digitization_jobs_state ON digitization_jobs (state, updated_at);
CREATE INDEX digitization_jobs_item ON digitization_jobs (item_barcode);

-- Every lifecycle move, with its time and note: the job's history for staff and for support.
CREATE TABLE digitization_job_events (
  id         INTEGER PRIMARY KEY,
  job_id     INTEGER NOT NULL REFERENCES digitization_jobs (id) ON DELETE CASCADE,
  from_state TEXT, -- NULL for the job's creation
  to_state   TEXT NOT NULL,
  note       TEXT,
  at         TEXT NOT NULL
) STRICT;

CREATE INDEX digitization_job_events_job ON digitization_job_events (job_id, id);

-- One row per image a scanner delivered. A page points at its current master; a rescan adds a
-- master and keeps the old one (for undo) until the job is delivered.
CREATE TABLE digitization_masters (
  id           INTEGER PRIMARY KEY,
  job_id       INTEGER NOT NULL REFERENCES digitization_jobs (id) ON DELETE CASCADE,
  -- Names the files (master/000017.tif, view/000017.jpg, thumbs/000017.jpg), in capture order.
  file_no      INTEGER NOT NULL,
  path         TEXT NOT NULL UNIQUE,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  format       TEXT NOT NULL CHECK (format IN ('tiff', 'png', 'jpeg')),
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  resolution   INTEGER, -- dpi, when known
  mode         TEXT,
  captured_at  TEXT NOT NULL,
  view_path    TEXT,
  view_width   INTEGER,
  view_height  INTEGER,
  view_bytes   INTEGER,
  thumb_path   TEXT,
  thumb_width  INTEGER,
  thumb_height INTEGER,
  thumb_bytes  INTEGER,
  -- Set once both derivatives are on disk; NULL means they are still to be made (or remade).
  derived_at   TEXT,
  derive_error TEXT,
  qc_flags     TEXT CHECK (qc_flags IS NULL OR json_valid(qc_flags)),
  qc_metrics   TEXT CHECK (qc_metrics IS NULL OR json_valid(qc_metrics)),
  qc_at        TEXT,
  UNIQUE (job_id, file_no)
) STRICT;

-- The book's pages in order. Page types are checked in code, not here, so a new type needs no
-- table rebuild.
CREATE TABLE digitization_pages (
  id         INTEGER PRIMARY KEY,
  job_id     INTEGER NOT NULL REFERENCES digitization_jobs (id) ON DELETE CASCADE,
  -- 1..n among the job's live pages; NULL once deleted.
  sequence   INTEGER,
  master_id  INTEGER NOT NULL REFERENCES digitization_masters (id),
  page_type  TEXT NOT NULL DEFAULT 'normal',
  -- Set by hand; NULL: the job's numbering rule labels the page.
  label      TEXT,
  side       TEXT NOT NULL CHECK (side IN ('recto', 'verso')),
  rotation   INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  crop       TEXT CHECK (crop IS NULL OR json_valid(crop)),
  -- A deleted page keeps its row and files until the job is delivered, so delete can be undone.
  deleted_at TEXT,
  created_at TEXT NOT NULL,
  CHECK ((sequence IS NULL) = (deleted_at IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX digitization_pages_order ON digitization_pages (job_id, sequence)
  WHERE sequence IS NOT NULL;
CREATE INDEX digitization_pages_master ON digitization_pages (master_id);

-- The undo log: each page operation with what it takes to revert it. Undo reverts the newest
-- row and removes it. Cleared when the job is delivered.
CREATE TABLE digitization_operations (
  id      INTEGER PRIMARY KEY,
  job_id  INTEGER NOT NULL REFERENCES digitization_jobs (id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,
  inverse TEXT NOT NULL CHECK (json_valid(inverse)),
  at      TEXT NOT NULL
) STRICT;

CREATE INDEX digitization_operations_job ON digitization_operations (job_id, id);
