-- a concurrent index must be alone in its file
CREATE INDEX CONCURRENTLY notes_tag_idx ON notes (tag);
