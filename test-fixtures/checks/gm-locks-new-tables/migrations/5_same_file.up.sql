CREATE TABLE tags (id bigint, name text);
CREATE INDEX tags_name_idx ON tags (name);
ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE (name);
ALTER TABLE tags ADD COLUMN token uuid DEFAULT gen_random_uuid();
DROP INDEX tags_name_idx;
