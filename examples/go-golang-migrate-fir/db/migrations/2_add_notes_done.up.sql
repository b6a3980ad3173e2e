ALTER TABLE notes ADD COLUMN done boolean NOT NULL DEFAULT false;
