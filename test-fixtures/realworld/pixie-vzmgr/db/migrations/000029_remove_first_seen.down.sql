ALTER TABLE vizier_cluster
  ADD COLUMN first_seen_at TIMESTAMP;
