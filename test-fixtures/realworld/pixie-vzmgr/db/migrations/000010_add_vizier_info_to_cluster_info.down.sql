ALTER TABLE vizier_cluster_info
DROP COLUMN vizier_version,
DROP COLUMN cluster_name,
DROP COLUMN cluster_version,
DROP COLUMN cluster_uid;
