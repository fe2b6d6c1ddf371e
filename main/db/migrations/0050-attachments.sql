-- The attachment store (docs/architecture.md "Data"): files live at files/<sha256>; a row is written only
-- after its file was fsynced and renamed into place.
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  -- Detected from the content (P3), never from the name.
  content_type TEXT NOT NULL,
  -- Every name the file was added under, first first (the same content added twice is stored once).
  names_json TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Resumable uploads (docs/marketplace-api.md "Resumable uploads"): where each file's upload stands, so an
-- interruption or a restart resumes from the server's offset instead of starting again.
CREATE TABLE uploads (
  sha256 TEXT PRIMARY KEY NOT NULL REFERENCES attachments (sha256),
  size INTEGER NOT NULL,
  upload_id TEXT,
  upload_offset INTEGER NOT NULL DEFAULT 0,
  chunk_size INTEGER,
  attachment_id TEXT,
  restarts INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
