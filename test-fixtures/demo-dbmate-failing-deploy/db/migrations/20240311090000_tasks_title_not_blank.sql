-- migrate:up
ALTER TABLE tasks ADD CONSTRAINT tasks_title_not_blank CHECK (btrim(title) <> '');

-- migrate:down
ALTER TABLE tasks DROP CONSTRAINT tasks_title_not_blank;
