-- migrate:up
ALTER TABLE posts ADD COLUMN body text;

-- migrate:down
ALTER TABLE posts DROP COLUMN body;
