-- 008: a job's package and the OCR of its pages, kept so a restart resumes instead of starting over.

-- One row per job being packaged or packaged: what was asked, where it stands, where it went.
CREATE TABLE digitization_packages (
  job_id        INTEGER PRIMARY KEY REFERENCES digitization_jobs (id) ON DELETE CASCADE,
  -- queued | images | ocr | pdf | metadata | bag | done | failed | cancelled (contract PACKAGE_PHASES).
  phase         TEXT NOT NULL,
  formats       TEXT NOT NULL CHECK (json_valid(formats)),
  layout        TEXT NOT NULL CHECK (layout IN ('bag', 'goobi')),
  ocr_languages TEXT NOT NULL CHECK (json_valid(ocr_languages)),
  done          INTEGER NOT NULL DEFAULT 0,
  total         INTEGER NOT NULL DEFAULT 0,
  -- The finished package folder, relative to the data directory.
  path          TEXT,
  error         TEXT CHECK (error IS NULL OR json_valid(error)),
  started_at    TEXT NOT NULL,
  finished_at   TEXT
) STRICT;

-- OCR per master and language set: done once, kept for every later package of the same pages.
CREATE TABLE digitization_ocr (
  master_id  INTEGER NOT NULL REFERENCES digitization_masters (id) ON DELETE CASCADE,
  languages  TEXT NOT NULL,
  -- Relative to the data directory: jobs/<id>/ocr/<file no>.<languages>.xml and .pdf
  alto_path  TEXT NOT NULL,
  pdf_path   TEXT NOT NULL,
  words      INTEGER NOT NULL,
  done_at    TEXT NOT NULL,
  PRIMARY KEY (master_id, languages)
) STRICT;
