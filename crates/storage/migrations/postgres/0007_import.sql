-- Imports from other systems: a comment's kind (a reader's comment, or a pingback or trackback
-- kept from WordPress) and, for an imported comment, its identity in the source system, unique
-- within a thread, so that importing the same file again adds nothing.
ALTER TABLE comments ADD COLUMN kind TEXT NOT NULL DEFAULT 'comment';
ALTER TABLE comments ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX comments_by_import_key ON comments (thread_id, import_key) WHERE import_key IS NOT NULL;
