ALTER TABLE vizier_cluster
  DROP COLUMN first_seen_at;
