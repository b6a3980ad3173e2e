-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY notes_tag_idx ON notes (tag);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY notes_tag_idx;
