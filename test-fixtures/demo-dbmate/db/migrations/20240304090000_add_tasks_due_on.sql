-- migrate:up
ALTER TABLE tasks ADD COLUMN due_on date;

-- migrate:down
ALTER TABLE tasks DROP COLUMN due_on;
