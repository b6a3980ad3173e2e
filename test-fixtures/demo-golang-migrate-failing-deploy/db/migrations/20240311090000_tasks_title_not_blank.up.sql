ALTER TABLE tasks ADD CONSTRAINT tasks_title_not_blank CHECK (btrim(title) <> '');
