-- DROP TABLE users; COMMIT; TRUNCATE accounts;
/* block comment: VACUUM; BEGIN;
   /* nested: ALTER TABLE users DROP COLUMN email; */
   INSERT INTO users VALUES (1); */
CREATE TABLE notes (
  id bigserial PRIMARY KEY,
  body text NOT NULL DEFAULT 'DROP TABLE notes; COMMIT;',
  tag text DEFAULT E'it\'s; TRUNCATE notes',
  "weird;DROP TABLE x" int,
  quoted text DEFAULT 'a''b; BEGIN; VACUUM'
);
CREATE FUNCTION notes_touch() RETURNS trigger AS $body$
BEGIN
  -- inside a dollar-quoted body: none of this is a top-level statement
  DROP TABLE IF EXISTS scratch;
  TRUNCATE scratch;
  INSERT INTO audit VALUES (NEW.id);
  COMMIT;
  RETURN NEW;
END
$body$ LANGUAGE plpgsql;
DO $$ BEGIN PERFORM 1; ALTER TABLE notes RENAME TO x; END $$;
CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT i + 1;
END;
CREATE INDEX notes_body_idx ON notes (body);
