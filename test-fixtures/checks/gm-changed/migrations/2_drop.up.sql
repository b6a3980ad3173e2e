-- edited after it was deployed
ALTER TABLE users DROP COLUMN legacy;
