ALTER TABLE users ADD COLUMN last_seen timestamptz;
