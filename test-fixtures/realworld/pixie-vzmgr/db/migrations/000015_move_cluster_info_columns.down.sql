ALTER TABLE vizier_cluster
DROP COLUMN cluster_name,
DROP COLUMN cluster_version,
DROP COLUMN cluster_uid;
