-- migrate:up
ALTER TABLE events ADD COLUMN payload jsonb;

-- migrate:down
ALTER TABLE events DROP COLUMN payload;
